using Microsoft.Playwright;

namespace Forewarn.Browser.Tests;

/// <summary>The command web UI in Debian's Chromium against a real demo server.</summary>
public sealed class CommandUiTests(DemoServer server)
{
    private const float Wait = 20_000;

    [Theory]
    [InlineData("yubei.dispatcher", "/queue", "待办预警队列")]
    [InlineData("longxi.officer", "/tasks", "派出所任务")]
    [InlineData("longxi.grid", "/visits", "网格走访任务")]
    [InlineData("city.analyst", "/board", "反诈中心指挥大屏")]
    public async Task Each_role_signs_in_to_its_own_home(string username, string home, string heading)
    {
        var page = await server.SignInAsync(username);

        Assert.EndsWith(home, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(heading);
        await DemoServer.ShotAsync(page, "home-" + username);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_five_times_locks_the_account()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Url });
        var page = await context.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/login");
            await page.FillAsync("input[name='Input.Username']", "yuzhong.dispatcher");
            await page.FillAsync("input[name='Input.Password']", "wrong-password-" + i);
            await page.ClickAsync("form button[type=submit]");
        }

        await Assertions.Expect(page.Locator(".alert")).ToContainTextAsync("锁定");
        await DemoServer.ShotAsync(page, "login-locked");
        await context.CloseAsync();
    }

    [Fact]
    public async Task Special_clue_arrives_live_and_is_worked_to_close_by_the_station_officer()
    {
        var dispatcher = await server.SignInAsync("yubei.dispatcher");
        await Assertions.Expect(dispatcher.Locator("#live-queue[data-live='1']")).ToBeAttachedAsync(new() { Timeout = Wait });
        var officer = await server.SignInAsync("longxi.officer");
        await Assertions.Expect(officer.Locator("#live-queue[data-live='1']")).ToBeAttachedAsync(new() { Timeout = Wait });

        var id = await server.PushSpecialClueAsync("ui-special-1", "13900001234", "500112011");

        // Both screens get it without a reload; the special level raises the red banner.
        await Assertions.Expect(dispatcher.Locator($"tr[data-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Wait });
        await Assertions.Expect(dispatcher.Locator("#special-banner")).ToBeVisibleAsync();
        await DemoServer.ShotAsync(dispatcher, "queue-special-arrived");
        await dispatcher.ClickAsync("#special-banner button[data-dismiss]");
        await Assertions.Expect(dispatcher.Locator("#special-banner")).ToBeHiddenAsync();
        await Assertions.Expect(dispatcher.Locator($"tr[data-id='{id}']")).ToBeVisibleAsync();
        server.AssertNoCspViolation(dispatcher);
        await Assertions.Expect(officer.Locator($"tr[data-id='{id}']")).ToBeVisibleAsync(new() { Timeout = Wait });
        await DemoServer.ShotAsync(officer, "tasks-special-arrived");

        await officer.ClickAsync($"tr[data-id='{id}'] a");
        await Assertions.Expect(officer.Locator("h1")).ToContainTextAsync("特危");
        await Assertions.Expect(officer.Locator("#subject-phone")).ToHaveTextAsync("139****1234");
        await Assertions.Expect(officer.Locator("#mini-map canvas")).ToBeAttachedAsync(new() { Timeout = Wait });
        await DemoServer.ShotAsync(officer, "warning-detail-new");

        await officer.ClickAsync("#do-signfor");
        await Assertions.Expect(officer.Locator("#action-message")).ToHaveTextAsync("已签收");

        await officer.SelectOptionAsync("select[name='Call.Channel']", "call");
        await officer.SelectOptionAsync("select[name='Call.Result']", "no_answer");
        await officer.ClickAsync("#do-call");
        await Assertions.Expect(officer.Locator("#action-message")).ToHaveTextAsync("联系记录已保存");
        await Assertions.Expect(officer.Locator("#attempts")).ToContainTextAsync("无人接听");

        await officer.FillAsync("input[name='Stop.Account']", "6222020200112233445");
        await officer.FillAsync("input[name='Stop.Amount']", "5000");
        await officer.ClickAsync("#do-stoppay");
        // The demo configures no bank client, so the handler's own answer must be shown (either outcome is an answer).
        await Assertions.Expect(officer.Locator("#action-message")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("止付请求已发出|没有配置接收此类请求的银行或运营商"));

        await officer.FillAsync("input[name='Cut.Phone']", "17012345678");
        await officer.ClickAsync("#do-linecut");
        await Assertions.Expect(officer.Locator("#action-message")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("拦截请求已发出|没有配置接收此类请求的银行或运营商|电话号码无效"));

        await officer.SelectOptionAsync("select[name='Visit.Result']", "warned");
        await officer.SetInputFilesAsync("input[name='photo']", new FilePayload { Name = "visit.png", MimeType = "image/png", Buffer = Png });
        await officer.ClickAsync("#do-visit");
        await Assertions.Expect(officer.Locator("#action-message")).ToHaveTextAsync("走访已保存");
        await Assertions.Expect(officer.Locator("#attempts a[href^='/api/v1/evidence/']")).ToBeVisibleAsync();

        await officer.SelectOptionAsync("select[name='Close.Outcome']", "dissuaded");
        await officer.ClickAsync("#do-close");
        await Assertions.Expect(officer.Locator("#status")).ToContainTextAsync("已办结");
        await Assertions.Expect(officer.Locator("#status")).ToContainTextAsync("劝阻成功");
        await Assertions.Expect(officer.Locator("#timeline")).ToContainTextAsync("办结反馈");
        await DemoServer.ShotAsync(officer, "warning-detail-closed");

        await dispatcher.Context.CloseAsync();
        await officer.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_station_cannot_open_the_warning()
    {
        var id = await server.PushSpecialClueAsync("ui-special-2", "13900005678", "500112011");
        var outsider = await server.SignInAsync("jiefangbei.officer");

        var response = await outsider.GotoAsync($"/warnings/{id}");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(outsider.Locator("#not-found")).ToContainTextAsync("不在您的辖区内");
        await Assertions.Expect(outsider.Locator("body")).Not.ToContainTextAsync("139****5678");
        await DemoServer.ShotAsync(outsider, "warning-outside-jurisdiction");
        await outsider.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_draws_the_districts_and_the_briefing_prints()
    {
        var page = await server.SignInAsync("city.analyst");
        await page.GotoAsync("/board");

        await Assertions.Expect(page.Locator("#board-map[data-ready='38']")).ToBeAttachedAsync(new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("#board-map canvas")).ToBeAttachedAsync();
        var regions = await page.EvaluateAsync<int>("() => echarts.getInstanceByDom(document.getElementById('board-map')).getOption().series[0].data.length");
        Assert.Equal(38, regions);
        await page.WaitForTimeoutAsync(800);
        await DemoServer.ShotAsync(page, "board");

        await DemoServer.StubPrintAsync(page);
        await page.GotoAsync("/briefing");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("简报");
        await DemoServer.ShotAsync(page, "briefing");
        await page.ClickAsync(".briefing button[data-print]");
        Assert.Equal(1, await DemoServer.PrintedAsync(page));
        server.AssertNoCspViolation(page);
        await page.GotoAsync("/warnings");
        await DemoServer.ShotAsync(page, "warnings-list");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=导出 Excel"));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await page.GotoAsync("/quarantine");
        await DemoServer.ShotAsync(page, "quarantine");
        await page.GotoAsync("/indicators");
        await DemoServer.ShotAsync(page, "indicators");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Language_switches_to_English_and_back()
    {
        var page = await server.SignInAsync("yubei.dispatcher");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("待办预警队列");

        await page.ClickAsync("a.lang");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Open warning queue");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await DemoServer.ShotAsync(page, "queue-english");

        await page.ClickAsync("a.lang");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("待办预警队列");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Queue_fits_a_phone_screen()
    {
        var page = await server.SignInAsync("longxi.officer", viewport: new ViewportSize { Width = 390, Height = 844 });

        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 400, $"page is {width}px wide on a 390px phone");
        await DemoServer.ShotAsync(page, "phone-tasks");
        await page.Context.CloseAsync();
    }

    /// <summary>A 1×1 PNG: the visit photo.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}
