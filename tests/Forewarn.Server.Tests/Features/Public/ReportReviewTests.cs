using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Features.Prevention;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Public;

/// <summary>Reviewers correct the fraud type the classifier gave a citizen's report; the corrected type is what retraining learns.</summary>
public abstract class ReportReviewTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task A_reviewer_corrects_the_classified_fraud_type_and_the_training_set_learns_the_corrected_one()
    {
        using var citizen = App.CreateClient();
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        var marker = Guid.NewGuid().ToString("N")[..10];
        async Task<long> ReportAsync(string content)
        {
            var response = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "app", content = $"{content}（{marker}）" }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            // The keyword classifier answers in the shared test server, which never approves a trained model.
            Assert.Equal("fake_police", answer.GetProperty("fraudType").GetString());
            return answer.GetProperty("id").GetInt64();
        }
        // Keywords of fake police, but a romance scam: the reviewer knows better than the classifier.
        var approved = await ReportAsync("网上认识的对象自称警官，说要来看我，先让我交保证金，说我不交就是涉嫌");
        var later = await ReportAsync("聊了三个月的网恋对象说他是公安警官，出差缺钱让我转账");
        var rejected = await ReportAsync("有人冒充公安打电话，我没理会");

        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync($"/api/v1/public-reports/{approved}/approve", new { fraudType = "romance" }, Ct)).StatusCode);
        var approval = await analyst.PostAsJsonAsync($"/api/v1/public-reports/{approved}/approve", new { fraudType = "romance" }, Ct);
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        var item = await approval.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("romance", "fake_police", "approved", "city.analyst"), (item.GetProperty("fraudType").GetString(),
            item.GetProperty("classifiedType").GetString(), item.GetProperty("status").GetString(), item.GetProperty("reviewedBy").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/public-reports/{later}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/public-reports/{rejected}/reject", null, Ct)).StatusCode);
        Assert.Equal("fake_police", await TrainedAsAsync(later));

        // An approved report's type is still corrected afterwards; a rejected one trains nothing and is not.
        var unknown = await analyst.PutAsJsonAsync($"/api/v1/public-reports/{later}/fraud-type", new { fraudType = "love" }, Ct);
        var missing = await analyst.PutAsJsonAsync($"/api/v1/public-reports/{later}/fraud-type", new { }, Ct);
        var ofRejected = await analyst.PutAsJsonAsync($"/api/v1/public-reports/{rejected}/fraud-type", new { fraudType = "romance" }, Ct);
        var notAllowed = await dispatcher.PutAsJsonAsync($"/api/v1/public-reports/{later}/fraud-type", new { fraudType = "romance" }, Ct);
        var corrected = await analyst.PutAsJsonAsync($"/api/v1/public-reports/{later}/fraud-type", new { fraudType = "romance" }, Ct);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.Forbidden, HttpStatusCode.OK],
            new[] { unknown, missing, ofRejected, notAllowed, corrected }.Select(r => r.StatusCode));
        Assert.Equal("romance", (await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fraudType").GetString());

        Assert.Equal("romance", await TrainedAsAsync(approved));
        Assert.Equal("romance", await TrainedAsAsync(later));
        Assert.Null(await TrainedAsAsync(rejected));
        var approvedList = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/public-reports?status=approved", Ct);
        var listed = approvedList.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == later);
        Assert.Equal(("romance", "fake_police"), (listed.GetProperty("fraudType").GetString(), listed.GetProperty("classifiedType").GetString()));
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var events = await db.AuditRecords.Where(a => a.Target == $"report {approved}: fake_police → romance" || a.Target == $"report {later}: fake_police → romance")
                .Select(a => new { a.Event, a.User, a.Result }).ToListAsync(Ct);
            Assert.Contains(new { Event = "public.report.approved", User = "city.analyst", Result = "ok" }, events);
            Assert.Contains(new { Event = "public.report.fraud_type", User = "city.analyst", Result = "ok" }, events);
        }
    }

    /// <summary>The label a report carries in the classifier's training set, or null when it is not in it.</summary>
    private async Task<string?> TrainedAsAsync(long id)
    {
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var content = await db.PublicReports.Where(r => r.Id == id).Select(r => r.Content).SingleAsync(Ct);
            return (await TrainingSet.LoadAsync(db, "", Ct)).SingleOrDefault(e => e.Text == content)?.Label;
        }
    }
}

public sealed class ReportReviewTests_Sqlite(SqliteApp app) : ReportReviewTests(app);

public sealed class ReportReviewTests_Postgres(PostgresApp app) : ReportReviewTests(app);
