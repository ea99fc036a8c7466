using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Suspects;

public abstract class SuspectTests(ForewarnApp app) : ProviderTests(app)
{
    private async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<long> CaseAsync(HttpClient client, string unit)
    {
        var created = await PostAsync(client, "/api/v1/cases", new
        {
            title = "团伙案", fraudType = "fake_investment", loss = 100, unitCode = unit, victims = new[] { new { name = "赵受害", phone = Intake.NewPhone() } },
        });
        return created.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_suspect_is_masked_linked_to_cases_indicators_and_a_group_and_found_by_id_number()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var caseId = await CaseAsync(officer, "500112011");
        var group = await PostAsync(officer, "/api/v1/groups", new { name = "某电诈团伙" + Guid.NewGuid().ToString("N")[..4] });
        var groupId = group.GetProperty("id").GetInt64();
        var id = People.NewIdNumber();
        var phone = Intake.NewPhone();
        var suspect = await PostAsync(officer, "/api/v1/suspects", new
        {
            name = "孙嫌疑", idNumber = id, phone, alias = "阿孙", caseIds = new[] { caseId }, indicators = new[] { new { type = "phone", value = phone } },
            groupId, role = "话务员",
        });
        var suspectId = suspect.GetProperty("id").GetInt64();
        Assert.Equal("孙**", suspect.GetProperty("name").GetString());
        Assert.DoesNotContain(id, suspect.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("*", suspect.GetProperty("idNumber").GetString(), StringComparison.Ordinal);
        Assert.Contains("*", suspect.GetProperty("phone").GetString(), StringComparison.Ordinal);
        Assert.Equal([caseId], suspect.GetProperty("cases").EnumerateArray().Select(c => c.GetInt64()));
        var membership = Assert.Single(suspect.GetProperty("groups").EnumerateArray());
        Assert.Equal("caller", membership.GetProperty("role").GetString());
        Assert.Equal("话务员", membership.GetProperty("roleLabel").GetString());

        var found = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/suspects?idNumber={id}", Ct);
        Assert.Equal(suspectId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        var byCase = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/suspects?caseId={caseId}&role=caller", Ct);
        Assert.Single(byCase.GetProperty("items").EnumerateArray());

        var boss = await PostAsync(officer, "/api/v1/suspects", new { name = "钱金主" });
        var members = await PostAsync(officer, $"/api/v1/groups/{groupId}/members", new { suspectId = boss.GetProperty("id").GetInt64(), role = "financier" },
            HttpStatusCode.OK);
        Assert.Equal(2, members.GetProperty("memberCount").GetInt32());
        Assert.Contains(members.GetProperty("members").EnumerateArray(), m => m.GetProperty("roleLabel").GetString() == "金主");
        var linked = await PostAsync(officer, $"/api/v1/suspects/{boss.GetProperty("id").GetInt64()}/indicators", new { type = "account", value = People.NewCardNumber() },
            HttpStatusCode.OK);
        Assert.Single(linked.GetProperty("indicators").EnumerateArray());
    }

    [Fact]
    public async Task Roles_are_a_closed_list_and_bad_fields_get_reasons()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var group = await PostAsync(officer, "/api/v1/groups", new { name = "团伙" + Guid.NewGuid().ToString("N")[..4] });
        var response = await officer.PostAsJsonAsync("/api/v1/suspects", new
        {
            name = "", idNumber = "500112199001011234", phone = "12", groupId = group.GetProperty("id").GetInt64(), role = "boss", unitCode = "500103003",
            indicators = new[] { new { type = "planet", value = "mars" } },
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "name", "idNumber", "phone", "role", "unitCode", "indicators[0]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task A_suspect_is_arrested_then_transferred_for_prosecution_in_that_order_and_once()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var id = (await PostAsync(officer, "/api/v1/suspects", new { name = "周车手" })).GetProperty("id").GetInt64();
        await PostAsync(officer, $"/api/v1/suspects/{id}/prosecution", new { procuratorate = "渝北区人民检察院" }, HttpStatusCode.Conflict);
        var arrestedAt = DateTimeOffset.UtcNow.AddDays(-1);
        var arrested = await PostAsync(officer, $"/api/v1/suspects/{id}/arrest", new { at = arrestedAt.ToString("O"), note = "在出租屋抓获" }, HttpStatusCode.OK);
        Assert.Equal("arrested", arrested.GetProperty("status").GetString());
        await PostAsync(officer, $"/api/v1/suspects/{id}/arrest", new { }, HttpStatusCode.Conflict);
        var bad = await PostAsync(officer, $"/api/v1/suspects/{id}/prosecution", new { }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("procuratorate", out _));
        var prosecuted = await PostAsync(officer, $"/api/v1/suspects/{id}/prosecution", new { procuratorate = "渝北区人民检察院" }, HttpStatusCode.OK);
        Assert.Equal("prosecuted", prosecuted.GetProperty("status").GetString());
        Assert.Equal("渝北区人民检察院", prosecuted.GetProperty("procuratorate").GetString());
    }

    [Fact]
    public async Task A_station_officer_never_sees_another_stations_suspects_groups_or_dens()
    {
        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        var suspect = (await PostAsync(longxi, "/api/v1/suspects", new { name = "吴骨干" })).GetProperty("id").GetInt64();
        var group = (await PostAsync(longxi, "/api/v1/groups", new { name = "龙溪团伙" })).GetProperty("id").GetInt64();
        var den = (await PostAsync(longxi, "/api/v1/dens", new { name = "龙溪出租屋", adminCode = "500112011", groupId = group })).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.GetAsync($"/api/v1/suspects/{suspect}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.GetAsync($"/api/v1/groups/{group}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.GetAsync($"/api/v1/dens/{den}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jiefangbei.PostAsJsonAsync($"/api/v1/suspects/{suspect}/arrest", new { }, Ct)).StatusCode);
        foreach (var list in new[] { "suspects", "groups", "dens" })
        {
            var items = (await jiefangbei.GetFromJsonAsync<JsonElement>($"/api/v1/{list}?pageSize=200", Ct)).GetProperty("items").EnumerateArray().ToList();
            Assert.DoesNotContain(items, i => i.GetProperty("unitCode").GetString() != "500103003");
        }
        var joined = await jiefangbei.PostAsJsonAsync($"/api/v1/groups/{group}/members", new { suspectId = suspect, role = "guard" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, joined.StatusCode);
    }

    [Fact]
    public async Task A_den_is_placed_in_its_unit_and_destroyed_with_its_time()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var longxi = await App.ClientFor("longxi.officer");
        var den = await PostAsync(analyst, "/api/v1/dens", new { name = "渝北窝点", lat = Intake.Yubei.Lat, lon = Intake.Yubei.Lon, address = "某小区" });
        Assert.Equal("point", den.GetProperty("routeRule").GetString());
        Assert.StartsWith("500112", den.GetProperty("unitCode").GetString(), StringComparison.Ordinal);
        Assert.Equal("suspected", den.GetProperty("status").GetString());
        var id = den.GetProperty("id").GetInt64();
        var byCode = await PostAsync(analyst, "/api/v1/dens", new { name = "龙溪窝点", adminCode = "500112011" });
        Assert.Equal("500112011", byCode.GetProperty("unitCode").GetString());
        Assert.Equal(HttpStatusCode.OK, (await longxi.GetAsync($"/api/v1/dens/{byCode.GetProperty("id").GetInt64()}", Ct)).StatusCode);

        var destroyed = await PostAsync(analyst, $"/api/v1/dens/{id}/status", new { status = "destroyed" }, HttpStatusCode.OK);
        Assert.Equal("已捣毁", destroyed.GetProperty("statusLabel").GetString());
        Assert.NotEqual(JsonValueKind.Null, destroyed.GetProperty("destroyedAt").ValueKind);
        await PostAsync(analyst, $"/api/v1/dens/{id}/status", new { status = "confirmed" }, HttpStatusCode.Conflict);
        var outside = await PostAsync(analyst, "/api/v1/dens", new { name = "境外", lat = 22.3, lon = 114.1 }, HttpStatusCode.BadRequest);
        Assert.True(outside.GetProperty("errors").TryGetProperty("lat", out _));
        var notMine = await PostAsync(longxi, "/api/v1/dens", new { name = "解放碑", adminCode = "500103003" }, HttpStatusCode.BadRequest);
        Assert.True(notMine.GetProperty("errors").TryGetProperty("location", out _));
    }
}

public sealed class SuspectTests_Sqlite(SqliteApp app) : SuspectTests(app);

public sealed class SuspectTests_Postgres(PostgresApp app) : SuspectTests(app);
