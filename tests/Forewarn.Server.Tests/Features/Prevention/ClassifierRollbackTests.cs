using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Prevention;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Prevention;

/// <summary>
/// Stepping back from the active classifier: to an earlier approved version or to the keyword classifier, each with a second
/// person's approval. A database of its own per provider, as in <see cref="ClassifierRetrainingTests"/>.
/// </summary>
public abstract class ClassifierRollbackTests(ForewarnApp app) : ProviderTests(app)
{
    private const string Rollbacks = "/api/v1/prevention/classifier/rollbacks";

    [Fact]
    public async Task The_active_model_is_rolled_back_to_an_earlier_approved_one_or_to_keywords_only_with_a_second_persons_approval()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        using var citizen = App.CreateClient();
        foreach (var (label, i) in ClassifierRetrainingTests.Phrases.Keys.SelectMany(l => Enumerable.Range(0, 8).Select(i => (l, i))))
        {
            var created = await analyst.PostAsJsonAsync("/api/v1/cases",
                new { title = $"案件{i}", fraudType = label, unitCode = "500112", narrative = ClassifierRetrainingTests.Text(label, i) }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsJsonAsync(Rollbacks, new { keywords = true, reason = "尚无模型" }, Ct)).StatusCode);
        var first = await TrainAndApproveAsync(analyst, security);
        var rejected = await TrainAsync(analyst);
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/prevention/classifier/models/{rejected}/reject", null, Ct)).StatusCode);
        var second = await TrainAndApproveAsync(analyst, security);
        Assert.Equal(second, await ReportVersionAsync(citizen));

        var noReason = await analyst.PostAsJsonAsync(Rollbacks, new { toVersion = first }, Ct);
        var both = await analyst.PostAsJsonAsync(Rollbacks, new { toVersion = first, keywords = true, reason = "误判多" }, Ct);
        var neither = await analyst.PostAsJsonAsync(Rollbacks, new { reason = "误判多" }, Ct);
        var neverApproved = await analyst.PostAsJsonAsync(Rollbacks, new { toVersion = rejected, reason = "误判多" }, Ct);
        var active = await analyst.PostAsJsonAsync(Rollbacks, new { toVersion = second, reason = "误判多" }, Ct);
        var notAllowed = await dispatcher.PostAsJsonAsync(Rollbacks, new { toVersion = first, reason = "误判多" }, Ct);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden],
            new[] { noReason, both, neither, neverApproved, active, notAllowed }.Select(r => r.StatusCode));
        Assert.Contains("toVersion", await neverApproved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var proposed = await analyst.PostAsJsonAsync(Rollbacks, new { toVersion = first, reason = $"v{second} 把冒充公检法误判为刷单返利" }, Ct);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var rollback = await proposed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = rollback.GetProperty("id").GetInt32();
        Assert.Equal(("proposed", second, first), (rollback.GetProperty("status").GetString(), rollback.GetProperty("fromVersion").GetInt32(),
            rollback.GetProperty("toVersion").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await security.PostAsJsonAsync(Rollbacks, new { keywords = true, reason = "另一个" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"{Rollbacks}/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(second, await ReportVersionAsync(citizen));

        var approved = await security.PostAsync($"{Rollbacks}/{id}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await security.PostAsync($"{Rollbacks}/{id}/approve", null, Ct)).StatusCode);
        Assert.Equal(first, await ReportVersionAsync(citizen));
        Assert.Equal(["active", "rejected", "retired"], await StatusesAsync());

        // A step back proposed against a version that a newer approval has since replaced is out of date.
        var stale = await ProposeAsync(security, new { keywords = true, reason = $"v{first} 也不理想" });
        var third = await TrainAndApproveAsync(analyst, security);
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsync($"{Rollbacks}/{stale}/approve", null, Ct)).StatusCode);
        Assert.Equal(third, await ReportVersionAsync(citizen));
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"{Rollbacks}/{stale}/reject", null, Ct)).StatusCode);

        var off = await ProposeAsync(security, new { keywords = true, reason = "模型暂停使用，核查训练数据" });
        Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsync($"{Rollbacks}/{off}/approve", null, Ct)).StatusCode);
        Assert.Null(await ReportVersionAsync(citizen));
        var keywords = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "call", content = "对方自称公安局警官，说我涉嫌洗钱，要我转到安全账户" }, Ct);
        Assert.Equal("fake_police", (await keywords.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fraudType").GetString());
        Assert.Equal(["retired", "rejected", "retired", "retired"], await StatusesAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await analyst.PostAsJsonAsync(Rollbacks, new { keywords = true, reason = "已无生效模型" }, Ct)).StatusCode);

        // With no version in use, an earlier one is put back the same way.
        var back = await ProposeAsync(analyst, new { toVersion = third, reason = "训练数据核查完毕，恢复使用" });
        Assert.Null(await ReportVersionAsync(citizen));
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"{Rollbacks}/{back}/approve", null, Ct)).StatusCode);
        Assert.Equal(third, await ReportVersionAsync(citizen));

        var list = await analyst.GetFromJsonAsync<JsonElement>(Rollbacks, Ct);
        Assert.Equal(["approved", "approved", "rejected", "approved"], list.EnumerateArray().Select(r => r.GetProperty("status").GetString()!));
        Assert.Equal(JsonValueKind.Null, list[0].GetProperty("fromVersion").ValueKind);
        Assert.Equal("security.admin", (await analyst.GetFromJsonAsync<JsonElement>($"{Rollbacks}/{id}", Ct)).GetProperty("decidedBy").GetString());
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var events = await db.AuditRecords.Where(a => a.Event.StartsWith("prevention.classifier.rollback")).OrderBy(a => a.Seq)
                .Select(a => new { a.Event, a.Target, a.User }).ToListAsync(Ct);
            Assert.Contains(events, e => e.Event == "prevention.classifier.rollback.proposed" && e.User == "city.analyst" && e.Target == $"rollback: v{second} → v{first}, proposed by city.analyst");
            Assert.Contains(events, e => e.Event == "prevention.classifier.rollback.approved" && e.User == "security.admin"
                && e.Target == $"rollback {id}: v{second} → v{first}, proposed by city.analyst, decided by security.admin");
            Assert.Contains(events, e => e.Event == "prevention.classifier.rollback.approved" && e.Target!.StartsWith($"rollback {off}: v{third} → keywords", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Event == "prevention.classifier.rollback.approved" && e.Target!.StartsWith($"rollback {back}: keywords → v{third}", StringComparison.Ordinal));
        }
    }

    private async Task<int> TrainAsync(HttpClient client)
    {
        var queued = await client.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 25 }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var version = (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        Assert.Equal("trained", (await ClassifierRetrainingTests.TrainedAsync(client, version)).GetProperty("model").GetProperty("status").GetString());
        return version;
    }

    private async Task<int> TrainAndApproveAsync(HttpClient requester, HttpClient approver)
    {
        var version = await TrainAsync(requester);
        Assert.Equal(HttpStatusCode.OK, (await approver.PostAsync($"/api/v1/prevention/classifier/models/{version}/approve", null, Ct)).StatusCode);
        return version;
    }

    private async Task<int> ProposeAsync(HttpClient client, object request)
    {
        var response = await client.PostAsJsonAsync(Rollbacks, request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    /// <summary>The classifier version that typed a fresh public report: null is the keyword classifier.</summary>
    private async Task<int?> ReportVersionAsync(HttpClient citizen)
    {
        var response = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "sms", content = ClassifierRetrainingTests.Text("romance", 3) }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            return await db.PublicReports.Where(r => r.Id == id).Select(r => r.ClassifierVersion).SingleAsync(Ct);
        }
    }

    private async Task<List<string>> StatusesAsync()
    {
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            return await db.Set<ClassifierModel>().OrderBy(m => m.Version).Select(m => m.Status).ToListAsync(Ct);
        }
    }
}

public sealed class ClassifierRollbackTests_Sqlite(ClassifierSqliteApp app) : ClassifierRollbackTests(app), IClassFixture<ClassifierSqliteApp>;

public sealed class ClassifierRollbackTests_Postgres(ClassifierPostgresApp app) : ClassifierRollbackTests(app), IClassFixture<ClassifierPostgresApp>;
