using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Indicators;

public abstract class IndicatorTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_value_is_normalised_before_it_is_stored_and_looked_up()
    {
        var fraud = Intake.NewFraudPhone();
        using var analyst = await App.ClientFor("city.analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/indicators",
            new { type = "phone", value = $"+86 {fraud[..3]}-{fraud[3..7]}-{fraud[7..]}", status = "suspected", source = "12381", confidence = 0.7 }, Ct);
        var found = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=phone&value=0086{fraud}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = found.GetProperty("items")[0];
        Assert.Equal(fraud, item.GetProperty("value").GetString());
        Assert.Equal("suspected", item.GetProperty("status").GetString());
        Assert.Equal("12381", item.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Invalid_indicators_are_refused_with_field_errors()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var response = await analyst.PostAsJsonAsync("/api/v1/indicators", new { type = "planet", value = "mars", confidence = 3 }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("confidence", out _));
    }

    [Fact]
    public async Task An_import_counts_added_updated_and_rejected_rows_and_keeps_the_rejected()
    {
        var a = Intake.NewFraudPhone();
        var b = Intake.NewFraudPhone();
        var domain = $"scam{Guid.NewGuid():N}.example.com";
        var csv = $"""
            type,value,status,source,confidence,expiresAt
            phone,{a},confirmed,bank,0.9,
            phone,{b},suspected,bank,,2099-01-01T00:00:00Z
            domain,{domain.ToUpperInvariant()},confirmed,cert,0.8,
            phone,12,confirmed,bank,0.9,
            unicorn,x,confirmed,bank,0.9,
            phone,{a},confirmed,bank,0.95,
            """;
        using var analyst = await App.ClientFor("city.analyst");
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await analyst.PostAsync("/api/v1/indicators/import", content, Ct);
        var counts = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, counts.GetProperty("added").GetInt32());
        Assert.Equal(2, counts.GetProperty("rejected").GetInt32());
        Assert.Equal([5, 6], counts.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()));
        var found = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=domain&value={domain}", Ct);
        Assert.Equal(domain, found.GetProperty("items")[0].GetProperty("value").GetString());
        var quarantine = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/quarantine?kind=indicator&take=1000", Ct);
        Assert.Contains(quarantine.EnumerateArray(), q => q.GetProperty("payload").GetString() == "unicorn,x,confirmed,bank,0.9,");

        // A second file updates what is stored (the last row of the first file won: 0.95) and adds what is not.
        var c = Intake.NewFraudPhone();
        using var again = new StringContent($"type,value,status,source,confidence\nphone,{a},suspected,operator,0.5\nphone,{c},confirmed,operator,0.7\n",
            Encoding.UTF8, "text/csv");
        var before = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=phone&value={a}", Ct);
        Assert.Equal(0.95, before.GetProperty("items")[0].GetProperty("confidence").GetDouble());
        var second = await (await analyst.PostAsync("/api/v1/indicators/import", again, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, 1, 0), (second.GetProperty("added").GetInt32(), second.GetProperty("updated").GetInt32(), second.GetProperty("rejected").GetInt32()));
        var after = (await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?type=phone&value={a}", Ct)).GetProperty("items")[0];
        Assert.Equal(("suspected", "operator", 0.5), (after.GetProperty("status").GetString(), after.GetProperty("source").GetString(), after.GetProperty("confidence").GetDouble()));
    }

    [Fact]
    public async Task A_station_officer_cannot_change_the_blacklist()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var response = await officer.PostAsJsonAsync("/api/v1/indicators", new { type = "phone", value = Intake.NewFraudPhone(), source = "x" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

public sealed class IndicatorTests_Sqlite(SqliteApp app) : IndicatorTests(app);

public sealed class IndicatorTests_Postgres(PostgresApp app) : IndicatorTests(app);
