using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Stats;

/// <summary>Counts in 江津区 (500116), which no other test uses, so the figures are exact.</summary>
public abstract class CrackdownByUnitTests(ForewarnApp app) : ProviderTests(app)
{
    private const string District = "500116";
    private const string Jijiang = "500116001";
    private const string Degan = "500116002";

    private static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static JsonElement RowOf(JsonElement stats, string code) =>
        stats.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Crackdown_figures_are_ranked_per_child_unit_beside_last_year_within_the_callers_territory()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var now = DateTimeOffset.UtcNow;
        var period = $"from={Day(now.AddDays(-3))}&to={Day(now)}";
        foreach (var (unit, solved) in new[] { (Jijiang, true), (Jijiang, false), (Degan, false) })
        {
            var c = await PostAsync(analyst, "/api/v1/cases", new { title = "分单位统计案", unitCode = unit, loss = 50, victims = new[] { new { name = "甲", phone = Intake.NewPhone() } } });
            if (solved)
            {
                await PostAsync(analyst, $"/api/v1/cases/{c.GetProperty("id").GetInt64()}/status", new { status = "solved" });
            }
        }
        var suspect = await PostAsync(analyst, "/api/v1/suspects", new { name = "分单位嫌疑人", unitCode = Degan });
        await PostAsync(analyst, $"/api/v1/suspects/{suspect.GetProperty("id").GetInt64()}/arrest", new { at = now.AddYears(-1).ToString("O"), unitCode = Degan });

        var stats = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown/units?{period}&unit={District}&rankBy=casesFiled", Ct);
        Assert.Equal(District, stats.GetProperty("unit").GetString());
        var units = stats.GetProperty("units").EnumerateArray().ToList();
        Assert.True(units.Count > 2, "every station of the district is listed, with or without figures");
        Assert.Equal(Jijiang, units[0].GetProperty("code").GetString());
        Assert.Equal(1, units[0].GetProperty("rank").GetInt32());
        Assert.Equal(2, units[0].GetProperty("current").GetProperty("casesFiled").GetInt32());
        Assert.Equal(1, units[0].GetProperty("current").GetProperty("casesSolved").GetInt32());
        Assert.Equal(100m, units[0].GetProperty("current").GetProperty("loss").GetDecimal());
        var degan = RowOf(stats, Degan);
        Assert.Equal(2, degan.GetProperty("rank").GetInt32());
        Assert.Equal(1, degan.GetProperty("current").GetProperty("casesFiled").GetInt32());
        Assert.Equal(0, degan.GetProperty("current").GetProperty("suspectsArrested").GetInt32());
        Assert.Equal(1, degan.GetProperty("lastYear").GetProperty("suspectsArrested").GetInt32());
        Assert.Equal(-100.0, degan.GetProperty("yearOnYear").GetProperty("suspectsArrested").GetDouble());

        var bySolved = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown/units?{period}&unit={District}&rankBy=casesSolved", Ct);
        Assert.Equal(Jijiang, bySolved.GetProperty("units")[0].GetProperty("code").GetString());

        // The city sees its districts: this one with exactly these cases.
        var city = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown/units?{period}", Ct);
        Assert.Equal(3, RowOf(city, District).GetProperty("current").GetProperty("casesFiled").GetInt32());

        var csv = await analyst.GetAsync($"/api/v1/stats/crackdown/units?{period}&unit={District}&rankBy=casesFiled&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains($"1,{Jijiang},{units[0].GetProperty("name").GetString()},2,0,", text, StringComparison.Ordinal);

        // A district dispatcher sees its own stations only, and not another district's breakdown.
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        var own = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown/units?{period}", Ct);
        Assert.Equal("500112", own.GetProperty("unit").GetString());
        Assert.All(own.GetProperty("units").EnumerateArray(), u => Assert.StartsWith("500112", u.GetProperty("code").GetString(), StringComparison.Ordinal));
        var other = await dispatcher.GetAsync($"/api/v1/stats/crackdown/units?{period}&unit={District}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var bad = await analyst.GetAsync($"/api/v1/stats/crackdown/units?rankBy=height", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class CrackdownByUnitTests_Sqlite(SqliteApp app) : CrackdownByUnitTests(app);

public sealed class CrackdownByUnitTests_Postgres(PostgresApp app) : CrackdownByUnitTests(app);
