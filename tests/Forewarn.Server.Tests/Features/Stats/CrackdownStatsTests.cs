using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Stats;

/// <summary>Counts in 长寿区凤城街道 (500115001), which no other test uses, so the figures are exact.</summary>
public abstract class CrackdownStatsTests(ForewarnApp app) : ProviderTests(app)
{
    private const string Unit = "500115001";

    private static string Day(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Crackdown_figures_count_the_period_and_unit_beside_the_same_period_last_year()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var now = DateTimeOffset.UtcNow;
        var yearAgo = now.AddYears(-1);
        var period = $"from={Day(now.AddDays(-3))}&to={Day(now)}&unit={Unit}";

        for (var i = 0; i < 2; i++)
        {
            var c = await PostAsync(analyst, "/api/v1/cases", new { title = "统计案" + i, unitCode = Unit, loss = 100, victims = new[] { new { name = "甲", phone = Intake.NewPhone() } } });
            if (i == 0)
            {
                await PostAsync(analyst, $"/api/v1/cases/{c.GetProperty("id").GetInt64()}/status", new { status = "solved" });
            }
        }
        // Both of last year's arrests fall before the same instant a year ago: an hour after it may be the next day in Beijing.
        foreach (var at in new[] { now.AddHours(-1), yearAgo, yearAgo.AddHours(-1) })
        {
            var s = await PostAsync(analyst, "/api/v1/suspects", new { name = "统计嫌疑人", unitCode = Unit });
            await PostAsync(analyst, $"/api/v1/suspects/{s.GetProperty("id").GetInt64()}/arrest", new { at = at.ToString("O"), unitCode = Unit });
        }
        var den = await PostAsync(analyst, "/api/v1/dens", new { name = "统计窝点", adminCode = Unit });
        await PostAsync(analyst, $"/api/v1/dens/{den.GetProperty("id").GetInt64()}/status", new { status = "destroyed" });
        await PostAsync(analyst, "/api/v1/two-cards", new { kind = "sim", number = Intake.NewFraudPhone(), holderName = "卡农甲", punishments = new[] { "communication", "financial" }, years = 2, unitCode = Unit });
        await PostAsync(analyst, "/api/v1/two-cards", new { kind = "bank", number = People.NewCardNumber(), holderName = "卡农乙", punishments = new[] { "financial" }, years = 3, startsOn = Day(yearAgo), unitCode = Unit });

        var stats = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown?{period}", Ct);
        var current = stats.GetProperty("current");
        var last = stats.GetProperty("lastYear");
        Assert.Equal(2, current.GetProperty("casesFiled").GetInt32());
        Assert.Equal(1, current.GetProperty("casesSolved").GetInt32());
        Assert.Equal(200m, current.GetProperty("loss").GetDecimal());
        Assert.Equal(1, current.GetProperty("suspectsArrested").GetInt32());
        Assert.Equal(2, last.GetProperty("suspectsArrested").GetInt32());
        Assert.Equal(-50.0, stats.GetProperty("yearOnYear").GetProperty("suspectsArrested").GetDouble());
        Assert.Equal(1, current.GetProperty("densDestroyed").GetInt32());
        Assert.Equal(1, current.GetProperty("twoCardsImposed").GetInt32());
        Assert.Equal(1, last.GetProperty("twoCardsImposed").GetInt32());
        Assert.Equal(2, current.GetProperty("twoCardsInForce").GetInt32());
        Assert.Equal(2, current.GetProperty("financialInForce").GetInt32());
        Assert.Equal(1, current.GetProperty("blacklistedNumbers").GetInt32());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("yearOnYear").GetProperty("casesFiled").ValueKind);

        var csv = await analyst.GetAsync($"/api/v1/stats/crackdown?{period}&format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("suspectsArrested,抓获嫌疑人,1,2,'-50%", text, StringComparison.Ordinal);

        // A station elsewhere sees none of it, even when it names the unit.
        using var officer = await App.ClientFor("jiefangbei.officer");
        var theirs = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/stats/crackdown?{period}", Ct);
        Assert.Equal(0, theirs.GetProperty("current").GetProperty("casesFiled").GetInt32());
        Assert.Equal(0, theirs.GetProperty("current").GetProperty("twoCardsInForce").GetInt32());
        var bad = await analyst.GetAsync("/api/v1/stats/crackdown?from=someday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class CrackdownStatsTests_Sqlite(SqliteApp app) : CrackdownStatsTests(app);

public sealed class CrackdownStatsTests_Postgres(PostgresApp app) : CrackdownStatsTests(app);
