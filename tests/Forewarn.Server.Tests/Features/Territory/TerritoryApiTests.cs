using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Forewarn.Server.Tests.Features.Territory;

public abstract class TerritoryApiTests(ForewarnApp app) : ProviderTests(app)
{
    public sealed record UnitItem(string Code, string Name, string Level, string? Parent);

    public sealed record UnitRef(string Code, string Name, string Level);

    public sealed record Resolved(UnitRef Unit, string[] Path, string Rule, string Evidence);

    [Fact]
    public async Task City_analyst_lists_the_38_real_districts()
    {
        using var client = await App.ClientFor("city.analyst");
        var districts = await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?level=district", Ct);
        Assert.Equal(38, districts!.Count);
        Assert.Contains(districts, d => d.Code == "500112" && d.Name == "渝北区" && d.Parent == "500000");
        Assert.All(districts, d => Assert.StartsWith("50", d.Code));
    }

    [Fact]
    public async Task Every_real_street_became_a_station_with_its_grids()
    {
        using var client = await App.ClientFor("city.analyst");
        var stations = await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?level=station", Ct);
        var grids = await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?parent=500112011", Ct);
        Assert.Equal(1031, stations!.Count);
        Assert.Contains(stations, s => s.Code == "500112011" && s.Name == "龙溪派出所" && s.Parent == "500112");
        Assert.Equal(3, grids!.Count);
        Assert.All(grids, g => Assert.Equal("grid", g.Level));
    }

    [Fact]
    public async Task Station_officer_sees_only_its_own_station_and_grids()
    {
        using var client = await App.ClientFor("longxi.officer");
        var all = await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units", Ct);
        Assert.Equal(["500112011", "500112011001", "500112011002", "500112011003"], all!.Select(u => u.Code).Order().ToArray());
        Assert.Empty((await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?level=district", Ct))!);
        Assert.Empty((await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?parent=500103", Ct))!);
    }

    [Fact]
    public async Task Station_officer_gets_404_for_another_stations_unit()
    {
        using var client = await App.ClientFor("longxi.officer");
        var other = await client.GetAsync("/api/v1/units/500103003", Ct);
        var own = await client.GetAsync("/api/v1/units/500112011", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task District_dispatcher_sees_its_district_but_not_another()
    {
        using var client = await App.ClientFor("yubei.dispatcher");
        var stations = await client.GetFromJsonAsync<List<UnitItem>>("/api/v1/units?level=station", Ct);
        Assert.NotEmpty(stations!);
        Assert.All(stations!, s => Assert.Equal("500112", s.Parent));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/units/500103", Ct)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_calls_get_401_problem_details()
    {
        using var client = App.CreateClient();
        var units = await client.GetAsync("/api/v1/units", Ct);
        var resolve = await client.GetAsync("/api/v1/territory/resolve?adminCode=500112", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, units.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, resolve.StatusCode);
    }

    [Fact]
    public async Task Unknown_unit_level_is_a_localised_400()
    {
        using var client = await App.ClientFor("city.analyst");
        var zh = await client.GetAsync("/api/v1/units?level=village", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units?level=village");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        Assert.Contains("未知的单位层级", await zh.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Unknown unit level", await en.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task District_centres_resolve_by_point_to_their_district()
    {
        using var client = await App.ClientFor("city.analyst");
        using var centres = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing", "district-centers.json"), Ct));
        var checkedCount = 0;
        foreach (var district in centres.RootElement.GetProperty("500000").GetProperty("children").EnumerateArray())
        {
            var code = district.GetProperty("adcode").GetInt32().ToString(CultureInfo.InvariantCulture);
            var center = district.GetProperty("center");
            var (lon, lat) = (center[0].GetDouble(), center[1].GetDouble());
            var resolved = await client.GetFromJsonAsync<Resolved>(
                FormattableString.Invariant($"/api/v1/territory/resolve?lat={lat}&lon={lon}"), Ct);
            Assert.Equal("point", resolved!.Rule);
            Assert.Equal(["500000", code], resolved.Path.Take(2));
            Assert.Equal("grid", resolved.Unit.Level);
            checkedCount++;
        }
        Assert.Equal(38, checkedCount);
    }

    [Fact]
    public async Task A_point_outside_the_city_goes_to_transfer_out()
    {
        using var client = await App.ClientFor("city.analyst");
        var beijing = await client.GetFromJsonAsync<Resolved>("/api/v1/territory/resolve?lat=39.9042&lon=116.4074", Ct);
        Assert.Equal("outside", beijing!.Rule);
        Assert.Equal("500000", beijing.Unit.Code);
    }

    [Theory]
    [InlineData("adminCode=500112011", "500112011", "adminCode")]
    [InlineData("adminCode=500112", "500112", "adminCode")]
    [InlineData("adminCode=510104", "500000", "outside")]
    [InlineData("address=重庆市渝北区龙溪街道松牌路8号", "500112011", "address")]
    [InlineData("address=重庆市渝中区某小区", "500103", "address")]
    [InlineData("address=四川省成都市锦江区", "500000", "outside")]
    [InlineData("idNumber=500112199001010017", "500112", "idNumber")]
    [InlineData("idNumber=110101199003070011", "500000", "outside")]
    [InlineData("phone=023-62345678", "500000", "phoneSegment")]
    [InlineData("phone=010-62345678", "500000", "outside")]
    [InlineData("phone=96110", "500000", "unknown")]
    public async Task Hints_resolve_with_the_rule_that_decided(string query, string unit, string rule)
    {
        using var client = await App.ClientFor("city.analyst");
        var resolved = await client.GetFromJsonAsync<Resolved>("/api/v1/territory/resolve?" + query, Ct);
        Assert.Equal(rule, resolved!.Rule);
        Assert.Equal(unit, resolved.Unit.Code);
        Assert.Equal("500000", resolved.Path[0]);
    }

    [Fact]
    public async Task Resolve_without_any_hint_is_a_400()
    {
        using var client = await App.ClientFor("city.analyst");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/territory/resolve", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/territory/resolve?lat=29.5", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/territory/resolve?lat=abc&lon=1", Ct)).StatusCode);
    }

    [Fact]
    public async Task Mobile_numbers_resolve_through_the_imported_segment_table()
    {
        // The app's segment table is shared by every test: these 188 prefixes stay clear of the subjects other tests
        // make up (Intake's 139 and 170 numbers), which would otherwise be routed to Beijing now and then.
        const string csv = """
            prefix7,province,city,zip_code,area_code,card_type,carrier
            1880230,重庆,重庆,400000,023,中国移动GSM卡,中国移动
            1880100,北京,北京,100000,010,中国移动GSM卡,中国移动
            """;
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            await ImportSegments.RunAsync(db, new StringReader(csv), ct: Ct);
        }
        await App.Services.GetRequiredService<TerritoryResolver>().ReloadAsync(Ct);
        using var client = await App.ClientFor("city.analyst");

        var local = await client.GetFromJsonAsync<Resolved>("/api/v1/territory/resolve?phone=%2B86%20188-0230-1234", Ct);
        var away = await client.GetFromJsonAsync<Resolved>("/api/v1/territory/resolve?phone=18801001234", Ct);
        var unknown = await client.GetFromJsonAsync<Resolved>("/api/v1/territory/resolve?phone=18800001234", Ct);

        Assert.Equal(("phoneSegment", "500000"), (local!.Rule, local.Unit.Code));
        Assert.Equal(("outside", "phoneSegment"), (away!.Rule, away.Evidence));
        Assert.Equal("unknown", unknown!.Rule);
    }
}

public sealed class TerritoryApiTests_Sqlite(SqliteApp app) : TerritoryApiTests(app);

public sealed class TerritoryApiTests_Postgres(PostgresApp app) : TerritoryApiTests(app);
