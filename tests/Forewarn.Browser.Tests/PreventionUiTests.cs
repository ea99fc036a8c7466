using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forewarn.Browser.Tests;

/// <summary>The prevention screens: knowledge base, segments, campaigns and their effect, the classifier, and the public page.</summary>
public sealed class PreventionUiTests(DemoServer server)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task A_knowledge_base_edit_is_proposed_by_one_person_and_approved_by_another()
    {
        var dispatcher = await server.SignInAsync("yubei.dispatcher");
        await dispatcher.GotoAsync("/prevention/knowledge");
        await Assertions.Expect(dispatcher.Locator("#knowledge")).ToContainTextAsync("冒充公检法");
        await dispatcher.Locator("#knowledge a[href='/prevention/knowledge/game_trading']").ClickAsync();
        await Assertions.Expect(dispatcher.Locator("#citizen-warning")).Not.ToBeEmptyAsync();
        var script = "浏览器测试话术：游戏装备只在官方平台交易。" + Guid.NewGuid().ToString("N")[..8];
        await dispatcher.FillAsync("textarea[name='Edit.ScriptZh']", script);
        await dispatcher.FillAsync("input[name='Edit.Note']", "补充官方平台提示");
        await dispatcher.ClickAsync("#do-propose");
        await Assertions.Expect(dispatcher.Locator("#knowledge-message.notice")).ToContainTextAsync("待第二人审批");
        await DemoServer.ShotAsync(dispatcher, "knowledge-proposed");

        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/prevention/knowledge/game_trading");
        var proposal = analyst.Locator("#versions tr", new() { HasText = "补充官方平台提示" });
        await proposal.Locator("summary").ClickAsync();
        await Assertions.Expect(proposal).ToContainTextAsync(script);
        await proposal.Locator("button.primary").ClickAsync();
        await Assertions.Expect(analyst.Locator("#knowledge-message.notice")).ToContainTextAsync("已批准");
        await Assertions.Expect(analyst.Locator("body")).ToContainTextAsync(script);
        await DemoServer.ShotAsync(analyst, "knowledge-approved");
        await dispatcher.Context.CloseAsync();
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task A_segment_shows_its_live_count_and_a_campaign_shows_its_effect_chart()
    {
        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/prevention/segments");
        var name = "60岁以上居民" + Guid.NewGuid().ToString("N")[..6];
        await analyst.FillAsync("input[name='Form.Name']", name);
        await analyst.FillAsync("input[name='Form.UnitCode']", "500112");
        await analyst.FillAsync("input[name='Form.MinAge']", "60");
        await analyst.ClickAsync("#do-segment");
        await Assertions.Expect(analyst.Locator("#segment-message.notice")).ToContainTextAsync(new Regex(@"当前 \d+ 人"));
        await analyst.Locator("#segments a", new() { HasText = name }).ClickAsync();
        var total = int.Parse(await analyst.Locator("#segment-total").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(total > 0, "the demo seeds residents aged 60 and over in 渝北区");
        await Assertions.Expect(analyst.Locator("#export-targets")).ToBeVisibleAsync();
        await DemoServer.ShotAsync(analyst, "segment-count");

        await analyst.GotoAsync("/prevention/campaigns");
        var title = "反诈宣传进社区" + Guid.NewGuid().ToString("N")[..6];
        await analyst.FillAsync("input[name='Form.Title']", title);
        await analyst.SelectOptionAsync("select[name='Form.Channel']", "lecture");
        await analyst.SelectOptionAsync("select[name='Form.Mode']", "targeted");
        // Precise drip irrigation: the segment just made is the audience.
        var segment = await analyst.Locator("select[name='Form.SegmentId'] option", new() { HasText = name }).GetAttributeAsync("value");
        await analyst.SelectOptionAsync("select[name='Form.SegmentId']", segment!);
        await analyst.FillAsync("input[name='Form.Areas']", "500112");
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-10);
        await analyst.FillAsync("input[name='Form.StartsAt']", start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await analyst.FillAsync("input[name='Form.Venue']", "社区活动室");
        await analyst.FillAsync("textarea[name='Form.Content']", "讲解冒充公检法和刷单返利诈骗");
        await analyst.ClickAsync("#do-campaign");
        await Assertions.Expect(analyst.Locator("#campaign-message.notice")).ToContainTextAsync("活动已保存");
        await analyst.Locator("#campaigns a", new() { HasText = title }).ClickAsync();
        await Assertions.Expect(analyst.Locator("#did-warnings")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Locator("#did-cases")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Locator("#effect-chart[data-ready='true'] canvas")).ToBeVisibleAsync();
        await DemoServer.ShotAsync(analyst, "campaign-effect");
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task The_classifier_is_retrained_in_the_background_and_put_to_use_by_a_second_person()
    {
        // Cases of two types with a known fraud type: the center's own training data.
        foreach (var (type, i) in new[] { "fake_police", "task_rebate" }.SelectMany(t => Enumerable.Range(0, 6).Select(i => (t, i))))
        {
            var narrative = type == "fake_police" ? $"自称公安民警来电说其涉嫌洗钱要求转入安全账户第{i}次" : $"网上兼职刷单点赞返佣金后要求垫付连单第{i}次";
            await server.CreateCaseAsync("city.analyst", $$"""{"title":"浏览器测试案件{{i}}","fraudType":"{{type}}","unitCode":"500112","narrative":"{{narrative}}"}""");
        }
        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/prevention/classifier");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("诈骗类型分类模型");
        await Assertions.Expect(analyst.Locator("#training-set tr[data-label='fake_police']")).ToContainTextAsync("冒充公检法");
        await analyst.SelectOptionAsync("select[name='Form.HoldOutPercent']", "30");
        await analyst.ClickAsync("#do-train");
        await Assertions.Expect(analyst.Locator("#classifier-message.notice")).ToContainTextAsync("已开始训练");
        var version = int.Parse(Regex.Match(await analyst.Locator("#classifier-message").InnerTextAsync(), @"v(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        // The page reloads itself while the version trains.
        var row = analyst.Locator($"#model-versions tr[data-version='{version}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "trained", new() { Timeout = 120_000 });
        await analyst.GotoAsync($"/prevention/classifier?v={version}");
        await Assertions.Expect(analyst.Locator("#class-scores tr[data-label='task_rebate']")).ToBeVisibleAsync();
        await Assertions.Expect(analyst.Locator("#macro-f1")).ToHaveTextAsync(new Regex(@"^[01]\.\d{4}$"));
        await row.Locator("button.primary").ClickAsync();
        await Assertions.Expect(analyst.Locator("#classifier-message.alert")).ToContainTextAsync("第二人审批");
        await DemoServer.ShotAsync(analyst, "classifier-trained");

        var admin = await server.SignInAsync("security.admin");
        await admin.GotoAsync("/prevention/classifier");
        await admin.Locator($"#model-versions tr[data-version='{version}'] button.primary").ClickAsync();
        await Assertions.Expect(admin.Locator("#classifier-message.notice")).ToContainTextAsync("已批准");
        await Assertions.Expect(admin.Locator("#active-model")).ToContainTextAsync($"v{version}");
        await DemoServer.ShotAsync(admin, "classifier-approved");

        // Stepping back: one person proposes taking the model out of use, the other approves; reports are typed by keywords again.
        await admin.SelectOptionAsync("select[name='Rollback.Target']", "keywords");
        await admin.FillAsync("input[name='Rollback.Reason']", "浏览器测试：暂停使用模型");
        await admin.ClickAsync("#do-rollback");
        await Assertions.Expect(admin.Locator("#classifier-message.notice")).ToContainTextAsync("待第二人审批");
        await admin.Locator("#rollbacks tr[data-status='proposed'] button.primary").ClickAsync();
        await Assertions.Expect(admin.Locator("#classifier-message.alert")).ToContainTextAsync("第二人审批");
        await analyst.GotoAsync("/prevention/classifier");
        await analyst.Locator("#rollbacks tr[data-status='proposed'] button.primary").ClickAsync();
        await Assertions.Expect(analyst.Locator("#classifier-message.notice")).ToContainTextAsync("已批准回退");
        await Assertions.Expect(analyst.Locator("#active-model")).ToContainTextAsync("按关键词分类");
        await Assertions.Expect(analyst.Locator($"#model-versions tr[data-version='{version}']")).ToHaveAttributeAsync("data-status", "retired");
        await DemoServer.ShotAsync(analyst, "classifier-rolled-back");

        // With no model in use, the page offers to put the earlier one back, again with a second person's approval.
        await analyst.SelectOptionAsync("select[name='Rollback.Target']", version.ToString(CultureInfo.InvariantCulture));
        await analyst.FillAsync("input[name='Rollback.Reason']", "浏览器测试：恢复使用");
        await analyst.ClickAsync("#do-rollback");
        await Assertions.Expect(analyst.Locator("#classifier-message.notice")).ToContainTextAsync("待第二人审批");
        await admin.GotoAsync("/prevention/classifier");
        await admin.Locator("#rollbacks tr[data-status='proposed'] button.primary").ClickAsync();
        await Assertions.Expect(admin.Locator("#classifier-message.notice")).ToContainTextAsync("已批准回退");
        await Assertions.Expect(admin.Locator("#active-model")).ToContainTextAsync($"v{version}");
        await analyst.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reviewer_corrects_the_fraud_type_of_a_public_report_when_approving_it()
    {
        long id;
        using (var http = new HttpClient { BaseAddress = new Uri(server.Url) })
        {
            var body = $$"""{"channel":"app","content":"网上认识的对象自称警官，说要来看我，先让我交保证金（{{Guid.NewGuid():N}}）"}""";
            var response = await http.PostAsync("/api/v1/public/reports", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"report: {(int)response.StatusCode} {text}");
            id = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
        }
        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/prevention/reports");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("群众举报审核");
        var row = analyst.Locator($"#reports tr[data-report='{id}']");
        await row.Locator("select[name='Review.FraudType']").SelectOptionAsync("romance");
        await row.Locator("button.primary").ClickAsync();
        await Assertions.Expect(analyst.Locator("#review-message.notice")).ToContainTextAsync("已批准");
        await Assertions.Expect(analyst.Locator($"#reports tr[data-report='{id}']")).ToHaveCountAsync(0);

        await analyst.GotoAsync("/prevention/reports?status=approved");
        row = analyst.Locator($"#reports tr[data-report='{id}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-type", "romance");
        await DemoServer.ShotAsync(analyst, "report-approved");
        await row.Locator("select[name='Review.FraudType']").SelectOptionAsync("fake_police");
        await row.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(analyst.Locator("#review-message.notice")).ToContainTextAsync("已更正");
        await Assertions.Expect(analyst.Locator($"#reports tr[data-report='{id}']")).ToHaveAttributeAsync("data-type", "fake_police");
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task A_citizen_checks_a_number_and_reports_a_scam_on_a_phone()
    {
        var flagged = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        using (var http = await server.ApiClientAsync("city.analyst"))
        {
            var body = $$"""{"type":"phone","value":"{{flagged}}","status":"confirmed","source":"browser-test"}""";
            var response = await http.PostAsync("/api/v1/indicators", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"indicator: {(int)response.StatusCode}");
        }
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url, ViewportSize = Phone, IsMobile = true });
        var citizen = await context.NewPageAsync();
        await citizen.GotoAsync("/public");
        await Assertions.Expect(citizen.Locator("h1")).ToContainTextAsync("反诈自助服务");
        await citizen.SelectOptionAsync("select[name='kind']", "phone");
        await citizen.FillAsync("input[name='value']", flagged);
        await citizen.ClickAsync("#do-check");
        await Assertions.Expect(citizen.Locator("#check-result.risk-high")).ToBeVisibleAsync();
        await Assertions.Expect(citizen.Locator("#check-result")).Not.ToContainTextAsync(flagged);

        await citizen.SelectOptionAsync("select[name='Form.Channel']", "call");
        await citizen.FillAsync("textarea[name='Form.Content']", "对方自称公安局警官，说我的银行卡涉嫌洗钱，要我把钱转到安全账户");
        await citizen.FillAsync("input[name='Form.Counterparty']", flagged);
        await citizen.ClickAsync("#do-report");
        await Assertions.Expect(citizen.Locator("#report-result")).ToContainTextAsync("举报已收到");
        await Assertions.Expect(citizen.Locator("#report-result strong")).ToContainTextAsync("冒充公检法");
        // Nothing is wider than the phone's screen.
        Assert.True(await citizen.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the public page scrolls sideways on a phone");
        await DemoServer.ShotAsync(citizen, "public-phone");
        await context.CloseAsync();
    }
}
