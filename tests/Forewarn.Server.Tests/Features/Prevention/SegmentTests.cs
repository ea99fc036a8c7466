using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Prevention;

public abstract class SegmentTests(ForewarnApp app) : ProviderTests(app)
{
    private static int Count(JsonElement counts, string band) => counts.GetProperty("byAgeBand").GetProperty(band).GetInt32();

    [Fact]
    public async Task A_segment_counts_older_residents_where_recent_warnings_or_cases_of_its_fraud_types_arose()
    {
        const string station = "500112140";
        var (hot, cold) = (await App.NewGridAsync(station), await App.NewGridAsync(station));
        foreach (var age in new[] { 70, 65, 61, 45, 30 })
        {
            await App.AddResidentAsync(hot, age);
        }
        await App.AddResidentAsync(cold, 80);
        await App.AddResidentAsync(cold, 62);
        var victim = await App.AddResidentAsync(cold, 20);
        var now = DateTime.UtcNow;
        await App.AddWarningAsync(hot, "romance", now.AddDays(-5));
        await App.AddWarningAsync(cold, "romance", now.AddDays(-40));
        await App.AddWarningAsync(cold, "fake_loan", now.AddDays(-2));
        await App.AddCaseAsync(cold, "fake_investment", now.AddDays(-60), App.Key(victim));
        using var dispatcher = await App.ClientFor("yubei.dispatcher");

        var pigButchering = new { name = "60岁以上·近30天杀猪盘网格", unitCode = station, minAge = 60, fraudTypes = new[] { "romance", "fake_investment" }, windowDays = 30 };
        var created = await dispatcher.PostAsJsonAsync("/api/v1/prevention/segments", pigButchering, Ct);
        var answer = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = answer.GetProperty("id").GetInt64();
        var detail = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/segments/{id}", Ct);
        async Task<JsonElement> PreviewAsync(object body) =>
            await (await dispatcher.PostAsJsonAsync("/api/v1/prevention/segments/preview", body, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var allOlder = await PreviewAsync(new { unitCode = station, minAge = 60 });
        var longerWindow = await PreviewAsync(new { unitCode = station, minAge = 60, fraudTypes = new[] { "romance", "fake_investment" }, windowDays = 90 });
        var victims = await PreviewAsync(new { unitCode = station, earlierVictims = true });
        var young = await PreviewAsync(new { unitCode = station, maxAge = 39 });
        var loans = await PreviewAsync(new { unitCode = station, fraudTypes = new[] { "fake_loan" } });
        var bad = await dispatcher.PostAsJsonAsync("/api/v1/prevention/segments", new { name = "x", unitCode = "500103", fraudTypes = new[] { "nonsense" } }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, answer.GetProperty("count").GetInt32());
        var counts = detail.GetProperty("counts");
        Assert.Equal(3, counts.GetProperty("total").GetInt32());
        Assert.Equal(1, Count(counts, "60-64"));
        Assert.Equal(2, Count(counts, "65+"));
        Assert.Equal(0, Count(counts, "40-59"));
        Assert.Equal(hot.Code, counts.GetProperty("byGrid").EnumerateArray().Single().GetProperty("code").GetString());
        Assert.Equal(5, allOlder.GetProperty("total").GetInt32());
        Assert.Equal(5, longerWindow.GetProperty("total").GetInt32());
        Assert.Equal(1, victims.GetProperty("total").GetInt32());
        Assert.Equal(2, young.GetProperty("total").GetInt32());
        Assert.Equal(2, Count(young, "18-39"));
        Assert.Equal(3, loans.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("unitCode", out _));
        Assert.True(errors.TryGetProperty("fraudTypes", out _));
    }

    [Fact]
    public async Task Target_lists_are_masked_scoped_to_the_territory_exported_as_csv_and_audited()
    {
        var grid = await App.NewGridAsync("500112141");
        var phones = new[] { await App.AddResidentAsync(grid, 72, "张桂兰"), await App.AddResidentAsync(grid, 68, "李建国") };
        await App.AddResidentAsync(grid, 30, "王小明");
        using var analyst = await App.ClientFor("city.analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/prevention/segments", new { name = "老年人走访名单", unitCode = grid.Code, minAge = 65 }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        using var outsider = await App.ClientFor("jiefangbei.officer");
        using var otherGrid = await App.ClientFor("longxi.grid");

        var list = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/segments/{id}/targets", Ct);
        var csv = await dispatcher.GetAsync($"/api/v1/prevention/segments/{id}/targets?format=csv", Ct);
        var text = await csv.Content.ReadAsStringAsync(Ct);
        var hidden = await outsider.GetAsync($"/api/v1/prevention/segments/{id}/targets", Ct);
        var hiddenToGrid = await otherGrid.GetAsync($"/api/v1/prevention/segments/{id}", Ct);
        var listed = await outsider.GetFromJsonAsync<JsonElement>("/api/v1/prevention/segments", Ct);

        Assert.Equal(2, list.GetProperty("count").GetInt32());
        var names = list.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["张**", "李**"], names.Order());
        Assert.All(list.GetProperty("items").EnumerateArray(), t => Assert.Contains("****", t.GetProperty("phone").GetString()));
        Assert.All(phones, p => Assert.DoesNotContain(p, list.GetRawText()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("手机号", text);
        Assert.Contains(phones[0][..3] + "****" + phones[0][^4..], text);
        Assert.All(phones, p => Assert.DoesNotContain(p, text));
        Assert.DoesNotContain("张桂兰", text);
        Assert.Equal(3, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenToGrid.StatusCode);
        Assert.DoesNotContain(listed.EnumerateArray(), s => s.GetProperty("id").GetInt64() == id);

        using var auditor = await App.ClientFor("audit.admin");
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=prevention.targets&take=500", Ct);
        var mine = log.EnumerateArray().Where(r => r.GetProperty("target").GetString()!.StartsWith($"segment {id}:", StringComparison.Ordinal)).ToList();
        Assert.Contains(mine, r => r.GetProperty("target").GetString() == $"segment {id}: 2 rows (csv)" && r.GetProperty("user").GetString() == "yubei.dispatcher");
        Assert.Contains(mine, r => r.GetProperty("target").GetString() == $"segment {id}: 2 rows (json)");
    }
}

public sealed class SegmentTests_Sqlite(SqliteApp app) : SegmentTests(app);

public sealed class SegmentTests_Postgres(PostgresApp app) : SegmentTests(app);
