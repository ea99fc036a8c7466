using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Cases;

public abstract class SeriesTests(ForewarnApp app) : ProviderTests(app)
{
    private static object Case(string title, string unit, decimal loss, params (string Type, string Value)[] indicators) => new
    {
        title, fraudType = "fake_investment", occurredAt = Intake.At(TimeSpan.FromDays(2)), loss, unitCode = unit,
        victims = new[] { new { name = "受害人" + title, phone = Intake.NewPhone() } },
        indicators = indicators.Select(i => new { type = i.Type, value = i.Value }).ToArray(),
    };

    private async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Cases_sharing_indicators_link_transitively_across_districts()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var (phone, account, url) = (Intake.NewFraudPhone(), "62170000" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999), $"http://licai{Guid.NewGuid():N}.top/app");
        var a = await CreateAsync(analyst, Case("A", "500112011", 10_000, ("phone", phone)));
        var b = await CreateAsync(analyst, Case("B", "500103003", 20_000, ("phone", phone), ("account", account)));
        var c = await CreateAsync(analyst, Case("C", "500101018", 30_000.5m, ("account", account), ("url", url)));
        var lone = await CreateAsync(analyst, Case("D", "500112011", 1, ("phone", Intake.NewFraudPhone())));

        var seriesId = c.GetProperty("seriesId").GetInt64();
        var series = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/series/{seriesId}", Ct);
        long[] ids = [a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64(), c.GetProperty("id").GetInt64()];
        Assert.Equal(ids.Order(), series.GetProperty("cases").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(60_000.5m, series.GetProperty("totalLoss").GetDecimal());
        Assert.Equal(["500101018", "500103003", "500112011"], series.GetProperty("units").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"phone:{phone}", series.GetProperty("indicators").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"account:{account}", series.GetProperty("indicators").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(ids.Min(), seriesId);
        Assert.Equal(lone.GetProperty("id").GetInt64(), lone.GetProperty("seriesId").GetInt64());
        var fetched = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{ids[1]}", Ct);
        Assert.Equal(seriesId, fetched.GetProperty("seriesId").GetInt64());
        Assert.StartsWith("受", fetched.GetProperty("victims")[0].GetProperty("name").GetString());
        Assert.Contains("*", fetched.GetProperty("victims")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task A_station_sees_only_its_own_cases_of_a_series()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var officer = await App.ClientFor("jiefangbei.officer");
        var phone = Intake.NewFraudPhone();
        var mine = await CreateAsync(officer, Case("J", "500103003", 5_000, ("phone", phone)));
        var other = await CreateAsync(analyst, Case("K", "500112011", 7_000, ("phone", phone)));
        var seriesId = other.GetProperty("seriesId").GetInt64();

        var seen = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/series/{seriesId}", Ct);
        Assert.Equal([mine.GetProperty("id").GetInt64()], seen.GetProperty("cases").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(5_000m, seen.GetProperty("totalLoss").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/cases/{other.GetProperty("id").GetInt64()}", Ct)).StatusCode);
        var listed = await officer.GetFromJsonAsync<JsonElement>("/api/v1/series?minCases=2", Ct);
        Assert.DoesNotContain(listed.EnumerateArray(), s => s.GetProperty("id").GetInt64() == seriesId);
        var outside = await officer.PostAsJsonAsync("/api/v1/cases", Case("X", "500112011", 1), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }

    [Fact]
    public async Task A_defrauded_warning_opens_a_case_that_joins_the_series_of_its_fraud_number()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        using var analyst = await App.ClientFor("city.analyst");
        var earlier = await CreateAsync(analyst, Case("E", "500112011", 3_000, ("phone", fraud)));
        var call = Intake.Call(Intake.NewPhone(), fraud, 900, TimeSpan.FromMinutes(20), new { adminCode = "500112011" });
        var id = (await App.SendAsync(call))[0].WarningId!.Value;
        await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/sign-for", new { }, Ct);
        var closed = await (await analyst.PostAsJsonAsync($"/api/v1/warnings/{id}/close", new { outcome = "defrauded", loss = 8800 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var opened = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{closed.GetProperty("caseId").GetInt64()}", Ct);
        Assert.Equal(earlier.GetProperty("seriesId").GetInt64(), opened.GetProperty("seriesId").GetInt64());
        Assert.Equal(id, opened.GetProperty("warningId").GetInt64());
    }

    [Fact]
    public async Task A_case_with_bad_fields_is_refused_with_reasons()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var response = await analyst.PostAsJsonAsync("/api/v1/cases", new
        {
            title = "", loss = -1, victims = new[] { new { name = "x", phone = "123" } }, indicators = new[] { new { type = "planet", value = "mars" } },
        }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "title", "loss", "victims[0]", "indicators[0]" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Series_report_exports_as_csv_within_the_callers_territory_and_is_audited()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var officer = await App.ClientFor("jiefangbei.officer");
        using var grid = await App.ClientFor("longxi.grid");
        using var auditor = await App.ClientFor("audit.admin");
        var url = $"http://report{Guid.NewGuid():N}.top/app";
        var a = await CreateAsync(analyst, Case("报告甲", "500112011", 1_234.5m, ("url", url)));
        var b = await CreateAsync(analyst, Case("报告乙", "500103003", 100, ("url", url)));
        var seriesId = b.GetProperty("seriesId").GetInt64();
        var (idA, idB) = (a.GetProperty("id").GetInt64(), b.GetProperty("id").GetInt64());

        var response = await analyst.GetAsync($"/api/v1/series/{seriesId}/report.csv", Ct);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{seriesId},{idA},报告甲,fake_investment,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",1234.50,0.00,open,500112011,", lines[1], StringComparison.Ordinal);
        Assert.Contains($"url:{url}", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{seriesId},{idB},报告乙,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith($"{seriesId},合计,2 起案件,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",1334.50,", lines[3], StringComparison.Ordinal);

        var station = await officer.GetStringAsync($"/api/v1/series/{seriesId}/report.csv", Ct);
        Assert.Contains($",{idB},", station, StringComparison.Ordinal);
        Assert.DoesNotContain($",{idA},", station, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await grid.GetAsync($"/api/v1/series/{seriesId}/report.csv", Ct)).StatusCode);
        var log = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?event=series.export&target={seriesId}", Ct);
        Assert.Equal(["city.analyst", "jiefangbei.officer", "longxi.grid"],
            log.EnumerateArray().Select(r => r.GetProperty("user").GetString()).Order(StringComparer.Ordinal));
    }
}

public sealed class SeriesTests_Sqlite(SqliteApp app) : SeriesTests(app);

public sealed class SeriesTests_Postgres(PostgresApp app) : SeriesTests(app);
