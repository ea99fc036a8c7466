using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forewarn.Browser.Tests;

/// <summary>The control screens: rules and policy with a second person's approval, the audit log, notifications, series, signatures.</summary>
public sealed class ControlUiTests(DemoServer server)
{
    private const float Wait = 20_000;
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task Rule_change_is_dry_run_proposed_and_approved_only_by_a_second_person()
    {
        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/rules");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("预警规则管理");
        var row = analyst.Locator("tr[data-rule='high.long_call']");

        // A bad priority is refused, and the threshold typed beside it is still there.
        await row.Locator("input[name$='.A']").FillAsync("300");
        await row.Locator("input[name$='.Priority']").FillAsync("abc");
        await analyst.ClickAsync("#do-dryrun");
        await Assertions.Expect(analyst.Locator("#rules-message.alert")).ToContainTextAsync("优先级");
        await Assertions.Expect(row.Locator("input[name$='.A']")).ToHaveValueAsync("300");
        await Assertions.Expect(row.Locator("input[name$='.Priority']")).ToHaveValueAsync("abc");

        await row.Locator("input[name$='.Priority']").FillAsync("1");
        await analyst.FillAsync("input[name='Edit.Days']", "30");
        await analyst.ClickAsync("#do-dryrun");
        await Assertions.Expect(analyst.Locator("#dry-run-changed")).ToContainTextAsync(new Regex(@"\d+ 条预警等级会改变"));
        await Assertions.Expect(analyst.Locator("#dry-run h2")).ToContainTextAsync("近 30 天");
        await DemoServer.ShotAsync(analyst, "rules-dry-run");

        await analyst.FillAsync("input[name='Edit.Note']", "长通话阈值降为5分钟");
        await analyst.ClickAsync("#do-propose");
        await Assertions.Expect(analyst.Locator("#rules-message.notice")).ToContainTextAsync("待第二人审批");
        var version = int.Parse(Regex.Match(await analyst.Locator("#rules-message").InnerTextAsync(), @"v(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var proposed = analyst.Locator($"#versions tr[data-version='{version}']");
        await Assertions.Expect(proposed).ToContainTextAsync("待审批");

        // The proposer cannot approve their own change: the API's refusal is shown.
        await proposed.Locator("button[value='approve']").ClickAsync();
        await Assertions.Expect(analyst.Locator("#rules-message.alert")).ToContainTextAsync("提议人不能审批");
        await Assertions.Expect(analyst.Locator($"#versions tr[data-version='{version}']")).ToContainTextAsync("待审批");
        await DemoServer.ShotAsync(analyst, "rules-own-approval-refused");

        var admin = await server.SignInAsync("security.admin");
        Assert.EndsWith("/admin/users", new Uri(admin.Url).AbsolutePath, StringComparison.Ordinal);
        await admin.GotoAsync("/rules");
        await admin.Locator($"#versions tr[data-version='{version}'] button[value='approve']").ClickAsync();
        await Assertions.Expect(admin.Locator("#rules-message.notice")).ToContainTextAsync("已批准并生效");
        await Assertions.Expect(admin.Locator(".head .hint")).ToContainTextAsync($"当前生效版本 v{version}");
        await Assertions.Expect(admin.Locator("#active-rules")).ToContainTextAsync("≥ 300 秒");
        await DemoServer.ShotAsync(admin, "rules-approved");

        await analyst.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Policy_change_keeps_bad_input_and_takes_effect_on_a_second_persons_approval()
    {
        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/policies");
        await Assertions.Expect(analyst.Locator("#active-policy tr[data-level='special']")).ToContainTextAsync("1 分钟");

        await analyst.FillAsync("input[name='Edit.Rows[0].SignFor']", "abc");
        await analyst.ClickAsync("#do-propose-policy");
        await Assertions.Expect(analyst.Locator("#policy-message.alert")).ToContainTextAsync("时限应为正数");
        await Assertions.Expect(analyst.Locator("input[name='Edit.Rows[0].SignFor']")).ToHaveValueAsync("abc");

        await analyst.FillAsync("input[name='Edit.Rows[0].SignFor']", "2");
        await analyst.ClickAsync("#do-propose-policy");
        await Assertions.Expect(analyst.Locator("#policy-message.notice")).ToContainTextAsync("待第二人审批");
        var version = int.Parse(Regex.Match(await analyst.Locator("#policy-message").InnerTextAsync(), @"v(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await analyst.Locator($"#policy-versions tr[data-version='{version}'] button").ClickAsync();
        await Assertions.Expect(analyst.Locator("#policy-message.alert")).ToContainTextAsync("提议人不能审批");
        await DemoServer.ShotAsync(analyst, "policy-own-approval-refused");

        var admin = await server.SignInAsync("security.admin");
        await admin.GotoAsync("/policies");
        await admin.Locator($"#policy-versions tr[data-version='{version}'] button").ClickAsync();
        await Assertions.Expect(admin.Locator("#policy-message.notice")).ToContainTextAsync("已批准并生效");
        await Assertions.Expect(admin.Locator("#active-policy tr[data-level='special']")).ToContainTextAsync("2 分钟");
        await DemoServer.ShotAsync(admin, "policy-approved");

        await analyst.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Audit_admin_filters_pages_exports_and_verifies_the_log()
    {
        // Enough records of one user for two pages: every read of the log is itself audited.
        using (var api = await server.ApiClientAsync("audit.admin"))
        {
            for (var i = 0; i < 55; i++)
            {
                (await api.GetAsync("/api/v1/audit?take=1", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            }
        }
        var page = await server.SignInAsync("audit.admin");
        Assert.EndsWith("/audit", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);

        await page.FillAsync("input[name='user']", "audit.admin");
        await page.FillAsync("input[name='event']", "audit.read");
        await page.ClickAsync("#audit-filters button[type=submit]");
        await Assertions.Expect(page.Locator("#audit-table tbody tr")).ToHaveCountAsync(50);
        var users = await page.Locator("#audit-table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        Assert.All(users, u => Assert.Equal("audit.admin", u));
        await Assertions.Expect(page.Locator("input[name='user']")).ToHaveValueAsync("audit.admin");
        await DemoServer.ShotAsync(page, "audit-log");

        var firstSeq = await page.Locator("#audit-table tbody tr").First.GetAttributeAsync("data-seq");
        await page.ClickAsync("#audit-next");
        await Assertions.Expect(page.Locator("#audit-pager")).ToContainTextAsync("第 2 页");
        Assert.NotEqual(firstSeq, await page.Locator("#audit-table tbody tr").First.GetAttributeAsync("data-seq"));

        await page.ClickAsync("#audit-verify");
        await Assertions.Expect(page.Locator("#chain-status")).ToContainTextAsync("哈希链完整");
        await DemoServer.ShotAsync(page, "audit-chain-verified");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#audit-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains("序号,时间,用户", csv, StringComparison.Ordinal);
        Assert.Contains("audit.admin", csv, StringComparison.Ordinal);
        await page.Context.CloseAsync();

        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/audit");
        await Assertions.Expect(analyst.Locator("#audit-table")).ToHaveCountAsync(0);
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task Notifications_show_the_unread_count_and_are_marked_read()
    {
        var id = await server.PushSpecialClueAsync("ui-notify-1", "13900007777", "500103003");
        var officer = await server.SignInAsync("jiefangbei.officer", viewport: Phone);

        await Assertions.Expect(officer.Locator("#unread-count")).ToBeVisibleAsync();
        await officer.ClickAsync("#nav-notifications");
        var row = officer.Locator($"#notifications tr:has(a[href='/warnings/{id}'])").First;
        await Assertions.Expect(row).ToHaveClassAsync("unread");
        await DemoServer.ShotAsync(officer, "notifications-phone");
        Assert.True(await officer.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 400);

        await row.Locator("button").ClickAsync();
        await Assertions.Expect(officer.Locator($"#notifications tr:has(a[href='/warnings/{id}'])").First).Not.ToHaveClassAsync("unread");

        if (await officer.Locator("#do-read-all").CountAsync() > 0)
        {
            await officer.ClickAsync("#do-read-all");
        }
        await Assertions.Expect(officer.Locator("#unread-summary")).ToContainTextAsync("未读 0 条");
        await Assertions.Expect(officer.Locator("#unread-count")).ToHaveCountAsync(0);
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Notifications_filter_applies_as_soon_as_the_select_changes()
    {
        var id = await server.PushSpecialClueAsync("ui-notify-filter-1", "13900006666", "500103003");
        var officer = await server.SignInAsync("jiefangbei.officer");
        await officer.GotoAsync("/notifications");
        var row = officer.Locator($"#notifications tr.unread:has(a[href='/warnings/{id}'])").First;
        var notification = await row.GetAttributeAsync("data-id");
        await row.Locator("button").ClickAsync();
        var read = officer.Locator($"#notifications tr[data-id='{notification}']");
        await Assertions.Expect(read).Not.ToHaveClassAsync("unread");

        // No filter button (only in <noscript>): choosing an option submits the form.
        await officer.SelectOptionAsync("select[name='unread']", "true");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex(@"/notifications\?unread=true$"));
        await Assertions.Expect(officer.Locator("select[name='unread']")).ToHaveValueAsync("true");
        await Assertions.Expect(read).ToHaveCountAsync(0);
        await Assertions.Expect(officer.Locator("#notifications tr[data-id]:not(.unread)")).ToHaveCountAsync(0);

        await officer.SelectOptionAsync("select[name='unread']", "");
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex(@"/notifications\?unread=$"));
        await Assertions.Expect(read).ToHaveCountAsync(1);
        server.AssertNoCspViolation(officer);
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Visit_signature_drawn_on_a_phone_is_shown_in_the_timeline()
    {
        var id = await server.PushSpecialClueAsync("ui-signature-1", "13900008888", "500112011");
        var officer = await server.SignInAsync("longxi.officer", viewport: Phone);
        await officer.GotoAsync($"/warnings/{id}");
        await officer.ClickAsync("#do-signfor");
        await Assertions.Expect(officer.Locator("#action-message")).ToHaveTextAsync("已签收");
        // Signing for reloads the page; the pad only listens once its script at the page's end has run.
        await officer.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        var pad = officer.Locator("#signature-pad");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await officer.Mouse.MoveAsync(box.X + 20, box.Y + 90);
        await officer.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 30), (110, 100), (160, 40), (220, 110), (280, 50) })
        {
            await officer.Mouse.MoveAsync(box.X + dx, box.Y + dy, new() { Steps = 4 });
        }
        await officer.Mouse.UpAsync();
        Assert.StartsWith("data:image/png;base64,", await officer.InputValueAsync("input[name='Visit.Signature']"), StringComparison.Ordinal);
        await DemoServer.ShotAsync(officer, "visit-signature-phone");

        await officer.SelectOptionAsync("select[name='Visit.Result']", "warned");
        await officer.ClickAsync("#do-visit");
        await Assertions.Expect(officer.Locator("#action-message")).ToHaveTextAsync("走访已保存");
        var shot = officer.Locator("#timeline img.signature-shot");
        await Assertions.Expect(shot).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#attempts img.signature-shot")).ToBeVisibleAsync();
        // Visible before it has loaded on a busy machine: wait for the load to finish, then check it decoded.
        await Assertions.Expect(shot).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await shot.EvaluateAsync<int>("i => i.naturalWidth") > 0, "the signature image did not load");
        Assert.True(await officer.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 400);
        await DemoServer.ShotAsync(officer, "visit-signature-timeline");
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Series_page_draws_the_link_graph_and_exports_the_report()
    {
        var url = $"http://fake-invest-{Guid.NewGuid():N}.example/app";
        var ids = new List<long>();
        long series = 0;
        foreach (var (title, loss, unit) in new[] { ("虚假投资理财案一", 12000m, "500112011"), ("虚假投资理财案二", 30000.5m, "500112011"), ("虚假投资理财案三", 8000m, "500103003") })
        {
            var json = $$"""{"title":"{{title}}","fraudType":"fake_investment","loss":{{loss.ToString(CultureInfo.InvariantCulture)}},"unitCode":"{{unit}}","indicators":[{"type":"url","value":"{{url}}"}]}""";
            (var id, series) = await server.CreateCaseAsync("city.analyst", json);
            ids.Add(id);
        }

        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/series");
        await DemoServer.ShotAsync(analyst, "series-list");
        await analyst.ClickAsync($"#series-list tr[data-series='{series}'] a");
        await Assertions.Expect(analyst.Locator("#series-cases")).ToHaveTextAsync("3");
        await Assertions.Expect(analyst.Locator("#series-loss")).ToContainTextAsync("50000.50");
        await Assertions.Expect(analyst.Locator("#series-graph[data-nodes='4'][data-links='3'] canvas")).ToBeAttachedAsync(new() { Timeout = Wait });
        await analyst.WaitForTimeoutAsync(1500);
        await DemoServer.ShotAsync(analyst, "series-graph");

        var download = await analyst.RunAndWaitForDownloadAsync(() => analyst.ClickAsync("#series-csv"));
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.All(ids, id => Assert.Contains($",{id},", csv, StringComparison.Ordinal));
        Assert.Contains("合计", csv, StringComparison.Ordinal);
        Assert.Contains("50000.50", csv, StringComparison.Ordinal);

        await DemoServer.StubPrintAsync(analyst);
        await analyst.ClickAsync("#series-print");
        await Assertions.Expect(analyst.Locator("#series-report h1")).ToContainTextAsync("串并案报告");
        await DemoServer.ShotAsync(analyst, "series-report-print");
        await analyst.ClickAsync("#series-report button[data-print]");
        Assert.Equal(1, await DemoServer.PrintedAsync(analyst));
        server.AssertNoCspViolation(analyst);
        await analyst.Context.CloseAsync();

        // A station sees only its own cases of the series; the other station's case is not in its answer.
        var officer = await server.SignInAsync("jiefangbei.officer");
        var response = await officer.GotoAsync($"/series/{series}");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(officer.Locator("#series-cases")).ToHaveTextAsync("1");
        await officer.Context.CloseAsync();

        var grid = await server.SignInAsync("longxi.grid");
        var outside = await grid.GotoAsync($"/series/{series}");
        Assert.Equal(404, outside!.Status);
        await Assertions.Expect(grid.Locator("#not-found")).ToContainTextAsync("不在您的辖区内");
        await grid.Context.CloseAsync();
    }

    [Theory]
    [InlineData("city.analyst", "/rules")]
    [InlineData("city.analyst", "/policies")]
    [InlineData("audit.admin", "/audit")]
    [InlineData("longxi.officer", "/series")]
    public async Task Control_screens_fit_a_phone(string username, string path)
    {
        var page = await server.SignInAsync(username, viewport: Phone);
        await page.GotoAsync(path);

        await DemoServer.ShotAsync(page, "phone" + path.Replace('/', '-'));
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(' ')");
        Assert.True(width <= 400, $"{path} is {width}px wide on a 390px phone: {wide}");
        await page.Context.CloseAsync();
    }
}
