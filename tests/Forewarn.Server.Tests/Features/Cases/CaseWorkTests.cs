using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Cases;

/// <summary>Listing, solving and closing cases, their evidence files and the CSV import.</summary>
public abstract class CaseWorkTests(ForewarnApp app) : ProviderTests(app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    private async Task<long> FileAsync(HttpClient client, string unit, string fraudType, string victim = "王受害")
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", new
        {
            title = "案件" + Guid.NewGuid().ToString("N")[..6], fraudType, occurredAt = Intake.At(TimeSpan.FromDays(1)), loss = 1234.5m, unitCode = unit,
            victims = new[] { new { name = victim, phone = Intake.NewPhone() } }, indicators = new[] { new { type = "phone", value = Intake.NewFraudPhone() } },
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Cases_are_listed_by_filter_only_within_the_callers_territory_with_masked_victims()
    {
        using var longxi = await App.ClientFor("longxi.officer");
        using var jiefangbei = await App.ClientFor("jiefangbei.officer");
        using var analyst = await App.ClientFor("city.analyst");
        var type = "t" + Guid.NewGuid().ToString("N")[..10];
        var mine = await FileAsync(longxi, "500112011", type);
        var theirs = await FileAsync(jiefangbei, "500103003", type);

        var seen = await longxi.GetFromJsonAsync<JsonElement>($"/api/v1/cases?fraudType={type}&status=open", Ct);
        var item = Assert.Single(seen.GetProperty("items").EnumerateArray());
        Assert.Equal(mine, item.GetProperty("id").GetInt64());
        Assert.Equal("王**", item.GetProperty("victims")[0].GetProperty("name").GetString());
        Assert.Contains("****", item.GetProperty("victims")[0].GetProperty("phone").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await longxi.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=200", Ct)).GetProperty("items").EnumerateArray(),
            c => !c.GetProperty("unitCode").GetString()!.StartsWith("500112011", StringComparison.Ordinal));
        var all = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases?fraudType={type}", Ct);
        Assert.Equal([theirs, mine], all.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Order().Reverse());
        var byUnit = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases?fraudType={type}&unit=500103", Ct);
        Assert.Equal(theirs, Assert.Single(byUnit.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        var paged = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases?fraudType={type}&pageSize=1&page=2", Ct);
        Assert.Equal(2, paged.GetProperty("total").GetInt32());
        Assert.Single(paged.GetProperty("items").EnumerateArray());
        var none = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases?fraudType={type}&from=2001-01-01&to=2001-12-31", Ct);
        Assert.Equal(0, none.GetProperty("total").GetInt32());

        var bad = await analyst.GetAsync("/api/v1/cases?status=lost&from=yesterday", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task A_case_is_solved_then_closed_and_nothing_else()
    {
        using var officer = await App.ClientFor("longxi.officer");
        using var grid = await App.ClientFor("longxi.grid");
        var id = await FileAsync(officer, "500112011", "fake_police");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "solved" }, Ct)).StatusCode);

        var solvedAt = DateTimeOffset.UtcNow.AddHours(-2);
        var solved = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "solved", at = solvedAt.ToString("O"), note = "破案" }, Ct);
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        var body = await solved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("solved", body.GetProperty("status").GetString());
        Assert.True(Math.Abs((body.GetProperty("solvedAt").GetDateTimeOffset() - solvedAt).TotalSeconds) < 1);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "solved" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed" }, Ct)).StatusCode);
        var bad = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "reopened", at = "soon" }, Ct);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("at", out _));
        using var other = await App.ClientFor("jiefangbei.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_case_detail_shows_who_moved_it_when_and_its_evidence_files_whose_download_is_audited()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var id = await FileAsync(officer, "500112011", "fake_police");
        var solvedAt = DateTimeOffset.UtcNow.AddHours(-5);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "solved", at = solvedAt.ToString("O"), note = "抓获" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/cases/{id}/status", new { status = "closed" }, Ct)).StatusCode);
        var attached = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { fileName = "流水.png", content = Convert.ToBase64String(Png), note = "银行流水" }, Ct);
        var evidenceId = (await attached.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, history.Count);
        Assert.Equal(("open", "solved"), (history[0].GetProperty("from").GetString(), history[0].GetProperty("to").GetString()));
        Assert.Equal(("solved", "closed"), (history[1].GetProperty("from").GetString(), history[1].GetProperty("to").GetString()));
        Assert.Equal("longxi.officer", history[0].GetProperty("by").GetString());
        Assert.Equal("抓获", history[0].GetProperty("note").GetString());
        Assert.True(Math.Abs((history[0].GetProperty("at").GetDateTimeOffset() - solvedAt).TotalSeconds) < 1);
        var file = Assert.Single(detail.GetProperty("evidence").EnumerateArray());
        Assert.Equal(evidenceId, file.GetProperty("id").GetInt64());
        Assert.Equal("流水.png", file.GetProperty("fileName").GetString());

        Assert.Equal(Png, await (await officer.GetAsync($"/api/v1/cases/{id}/evidence/{evidenceId}", Ct)).Content.ReadAsByteArrayAsync(Ct));
        using var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var target = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(await db.Set<Forewarn.Server.Features.Audit.AuditRecord>().IgnoreQueryFilters()
                .AnyAsync(a => a.User == "longxi.officer" && a.Target == target && a.Event.StartsWith("GET") && a.Event.Contains("/evidence/"), Ct));
        }
    }

    [Fact]
    public async Task Evidence_is_checked_by_its_magic_bytes_and_stored_sealed()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var id = await FileAsync(officer, "500112011", "fake_loan");
        var attached = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { fileName = "转账截图.png", content = Convert.ToBase64String(Png), note = "受害人提供" }, Ct);
        Assert.Equal(HttpStatusCode.Created, attached.StatusCode);
        var evidence = await attached.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("image/png", evidence.GetProperty("contentType").GetString());
        var evidenceId = evidence.GetProperty("id").GetInt64();

        var download = await officer.GetAsync($"/api/v1/cases/{id}/evidence/{evidenceId}", Ct);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Single((await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/evidence", Ct)).EnumerateArray());
        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            var raw = await db.Database.SqlQuery<byte[]>($"SELECT \"Content\" AS \"Value\" FROM \"CaseEvidence\" WHERE \"Id\" = {evidenceId}").SingleAsync(Ct);
            Assert.StartsWith("fw1.", Encoding.ASCII.GetString(raw), StringComparison.Ordinal);
        }

        var script = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { fileName = "x.png", content = Convert.ToBase64String("<script>"u8.ToArray()) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, script.StatusCode);
        Assert.True((await script.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("content", out _));
        var huge = new string('A', 15 * 1024 * 1024);
        var tooBig = await officer.PostAsJsonAsync($"/api/v1/cases/{id}/evidence", new { fileName = "big.pdf", content = huge }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        using var other = await App.ClientFor("jiefangbei.officer");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/cases/{id}/evidence/{evidenceId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_case_import_answers_every_row_and_keeps_the_rejected_ones()
    {
        using var officer = await App.ClientFor("longxi.officer");
        var external = "JZ" + Guid.NewGuid().ToString("N")[..12];
        var badPhone = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder()
            .AppendLine("externalId,title,fraudType,occurredAt,loss,unitCode,victimName,victimPhone,victimIdNumber,indicators,narrative")
            .AppendLine($"{external},刷单被骗,task_rebate,2026-11-01T10:00:00+08:00,5000,500112011,刘某,{Intake.NewPhone()},,phone:{Intake.NewFraudPhone()};url:http://shua{Guid.NewGuid():N}.top,\"受害人称, 被拉入群\"")
            .AppendLine($"{external}-2,坏行,task_rebate,2026-11-01,abc,500112011,刘某,{badPhone},,,")
            .AppendLine($"{external}-3,别的派出所,task_rebate,2026-11-01,1,500103003,刘某,{Intake.NewPhone()},,,")
            .AppendLine($"{external},重复行,task_rebate,2026-11-01,1,500112011,刘某,{Intake.NewPhone()},,,")
            .ToString();
        var response = await officer.PostAsync("/api/v1/cases/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, result.GetProperty("received").GetInt32());
        Assert.Equal(1, result.GetProperty("created").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicates").GetInt32());
        var rows = result.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["created", "rejected", "rejected", "duplicate"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.True(rows[1].GetProperty("errors").TryGetProperty("loss", out _));
        Assert.True(rows[2].GetProperty("errors").TryGetProperty("unitCode", out _));
        var created = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{rows[0].GetProperty("id").GetInt64()}", Ct);
        Assert.Equal(2, created.GetProperty("indicators").GetArrayLength());

        using (var db = App.NewDbContext(out var scope))
        using (scope)
        {
            var kept = await db.Quarantine.Where(q => q.Kind == QuarantineKind.Case && q.ExternalId == $"{external}-2").ToListAsync(Ct);
            Assert.Contains(badPhone, Assert.Single(kept).Payload, StringComparison.Ordinal);
        }
        var again = await (await officer.PostAsync("/api/v1/cases/import", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());

        var noHeader = await officer.PostAsync("/api/v1/cases/import", new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
    }
}

public sealed class CaseWorkTests_Sqlite(SqliteApp app) : CaseWorkTests(app);

public sealed class CaseWorkTests_Postgres(PostgresApp app) : CaseWorkTests(app);
