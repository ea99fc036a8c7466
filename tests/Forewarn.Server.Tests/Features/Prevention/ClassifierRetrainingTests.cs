using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Prevention;
using Forewarn.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Tests.Features.Prevention;

/// <summary>
/// The center retrains the classifier from its own data. Each provider gets a database of its own here: an approved model
/// changes how every public report is classified, which the other tests must not see.
/// </summary>
public abstract class ClassifierRetrainingTests(ForewarnApp app) : ProviderTests(app)
{
    internal static readonly Dictionary<string, string[]> Phrases = new()
    {
        ["fake_police"] = ["自称市公安局民警来电", "说我的银行卡卷入一宗洗钱大案", "要求把存款转进所谓的安全账户接受资金清查", "发来盖着红章的通缉令截图", "警告不许告诉家人否则马上抓捕"],
        ["task_rebate"] = ["在群里接单给商品点赞赚佣金", "前三单小额任务都按时返了钱", "后面的连单任务要先垫付三千元", "派单员说做完这一组才能提现", "越垫越多最后本金全部拿不回来"],
        ["romance"] = ["网上认识一位自称海外工程师的宝贝", "每天早安晚安嘘寒问暖", "视频总是说摄像头坏了打不开", "说要给我寄礼物但被海关扣下要交关税", "承诺回国后就来和我结婚"],
    };

    internal static string Text(string label, int i)
    {
        var phrases = Phrases[label];
        return $"{phrases[i % 5]}，{phrases[(i + 2) % 5]}，{phrases[(i + 3) % 5]}。第{i + 1}次报告";
    }

    [Fact]
    public async Task The_center_retrains_the_classifier_from_its_own_data_and_a_second_person_puts_it_to_use()
    {
        using var analyst = await App.ClientFor("city.analyst");
        using var security = await App.ClientFor("security.admin");
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        using var citizen = App.CreateClient();

        var tooLittle = await analyst.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 25 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLittle.StatusCode);
        Assert.Contains("训练数据不足", await tooLittle.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // Cases of three types, and citizens' reports a reviewer approved (one with its type corrected) or rejected.
        foreach (var (label, i) in Phrases.Keys.SelectMany(l => Enumerable.Range(0, 8).Select(i => (l, i))))
        {
            var created = await analyst.PostAsJsonAsync("/api/v1/cases", new { title = $"案件{i}", fraudType = label, unitCode = "500112", narrative = Text(label, i) }, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        async Task<long> ReportAsync(string content)
        {
            var response = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "sms", content }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        }
        foreach (var i in Enumerable.Range(8, 4))
        {
            var id = await ReportAsync(Text("romance", i));
            Assert.Equal(HttpStatusCode.OK, (await security.PostAsJsonAsync($"/api/v1/public-reports/{id}/approve", new { fraudType = "romance" }, Ct)).StatusCode);
        }
        var rejected = await ReportAsync(Text("fake_police", 9));
        Assert.Equal(HttpStatusCode.OK, (await security.PostAsync($"/api/v1/public-reports/{rejected}/reject", null, Ct)).StatusCode);
        var wrongType = await security.PostAsJsonAsync($"/api/v1/public-reports/{await ReportAsync("随便说说")}/approve", new { fraudType = "no_such_type" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var set = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/prevention/classifier/training-set", Ct);
        Assert.Equal(28, set.GetProperty("total").GetInt32());
        Assert.True(set.GetProperty("enough").GetBoolean());
        Assert.Equal(12, set.GetProperty("labels").EnumerateArray().Single(l => l.GetProperty("label").GetString() == "romance").GetProperty("count").GetInt32());

        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 25 }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { }, Ct)).StatusCode);
        var queued = await analyst.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 25, note = "首次用本中心数据训练" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var version = (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();

        var detail = await TrainedAsync(analyst, version);
        var model = detail.GetProperty("model");
        Assert.Equal("trained", model.GetProperty("status").GetString());
        Assert.Equal(100, model.GetProperty("progress").GetInt32());
        // 25 % of 8 cases held out is 2 per type, of 12 romance examples 3.
        Assert.Equal((21, 7), (model.GetProperty("trainCount").GetInt32(), model.GetProperty("testCount").GetInt32()));
        var classes = detail.GetProperty("classes").EnumerateArray().ToList();
        Assert.Equal(["fake_police", "romance", "task_rebate"], classes.Select(c => c.GetProperty("label").GetString()!).Order());
        Assert.All(classes, c => Assert.InRange(c.GetProperty("f1").GetDouble(), 0, 1));
        Assert.Equal(classes.Average(c => c.GetProperty("f1").GetDouble()), model.GetProperty("macroF1").GetDouble(), 3);
        Assert.Equal(9, detail.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("label").GetString() == "romance").GetProperty("train").GetInt32());

        // Not yet in use: the keyword classifier still types reports.
        var before = await ReportAsync("网上认识的宝贝说海关扣下了给我的礼物，要我先交关税");
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.PostAsync($"/api/v1/prevention/classifier/models/{version}/approve", null, Ct)).StatusCode);
        var approved = await security.PostAsync($"/api/v1/prevention/classifier/models/{version}/approve", null, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await security.PostAsync($"/api/v1/prevention/classifier/models/{version}/approve", null, Ct)).StatusCode);
        var after = await citizen.PostAsJsonAsync("/api/v1/public/reports", new { channel = "sms", content = "网上认识的宝贝说海关扣下了给我的礼物，要我先交关税" }, Ct);
        var answer = await after.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal("romance", answer.GetProperty("fraudType").GetString());
        Assert.InRange(answer.GetProperty("confidence").GetDouble(), 0.34, 1);
        var list = await security.GetFromJsonAsync<JsonElement>("/api/v1/prevention/classifier/models", Ct);
        var row = list.EnumerateArray().Single(m => m.GetProperty("version").GetInt32() == version);
        Assert.Equal(("active", "security.admin"), (row.GetProperty("status").GetString(), row.GetProperty("decidedBy").GetString()));
        var db = App.NewDbContext(out var scope);
        using (scope)
        {
            var reports = await db.PublicReports.Where(r => r.Id == before || r.Id == answer.GetProperty("id").GetInt64())
                .OrderBy(r => r.Id).Select(r => r.ClassifierVersion).ToListAsync(Ct);
            Assert.Equal(new int?[] { null, version }, reports);
            var events = await db.AuditRecords.Where(a => a.Event.Contains("classifier"))
                .Select(a => a.Event).ToListAsync(Ct);
            Assert.Contains("prevention.classifier.trained", events);
            Assert.Contains($"POST /api/v1/prevention/classifier/models/{{version:int}}/approve", events);
        }

        // A second version, rejected, is never used; while it trains no other run may start.
        var next = await security.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 20 }, Ct);
        var meanwhile = await analyst.PostAsJsonAsync("/api/v1/prevention/classifier/models", new { holdOutPercent = 20 }, Ct);
        var second = (await next.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        await TrainedAsync(security, second);
        var own = await security.PostAsync($"/api/v1/prevention/classifier/models/{second}/reject", null, Ct);
        var rejectedModel = await analyst.PostAsync($"/api/v1/prevention/classifier/models/{second}/reject", null, Ct);
        var late = await security.PostAsync($"/api/v1/prevention/classifier/models/{second}/approve", null, Ct);
        var still = await ReportAsync("网上认识的宝贝说海关扣下了给我的礼物，要我先交关税");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict), (next.StatusCode, meanwhile.StatusCode));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejectedModel.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        db = App.NewDbContext(out scope);
        using (scope)
        {
            Assert.Equal(version, await db.PublicReports.Where(r => r.Id == still).Select(r => r.ClassifierVersion).SingleAsync(Ct));
            Assert.Equal(["active", "rejected"], await db.Set<ClassifierModel>().OrderBy(m => m.Version).Select(m => m.Status).ToListAsync(Ct));
        }
    }

    internal static async Task<JsonElement> TrainedAsync(HttpClient client, int version)
    {
        // Training runs in the background; a handful of texts take a few seconds even on a busy machine.
        for (var wait = 0; wait < 600; wait++)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/classifier/models/{version}", Ct);
            if (detail.GetProperty("model").GetProperty("status").GetString() is not ("queued" or "training"))
            {
                return detail;
            }
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"v{version} did not finish training in two minutes");
    }
}

public sealed class ClassifierSqliteApp : ForewarnApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Sqlite"),
        new("Forewarn:Database:Path", Path.Combine(Folder, "classifier.db")),
    ];
}

public sealed class ClassifierPostgresApp : ForewarnApp
{
    private readonly string _database = "forewarn_test_cls_" + Guid.NewGuid().ToString("N")[..12];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IEnumerable<KeyValuePair<string, string>> DatabaseSettings() =>
    [
        new("Forewarn:Database:Provider", "Postgres"),
        new("Forewarn:Database:ConnectionString", new Npgsql.NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = _database }.ToString()),
    ];
}

public sealed class ClassifierRetrainingTests_Sqlite(ClassifierSqliteApp app) : ClassifierRetrainingTests(app), IClassFixture<ClassifierSqliteApp>;

public sealed class ClassifierRetrainingTests_Postgres(ClassifierPostgresApp app) : ClassifierRetrainingTests(app), IClassFixture<ClassifierPostgresApp>;
