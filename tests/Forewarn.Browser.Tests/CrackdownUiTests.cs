using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Forewarn.Browser.Tests;

/// <summary>The crackdown screens: a case's detail with its status form and evidence, series to case and back, two cards, suspects, statistics.</summary>
public sealed class CrackdownUiTests(DemoServer server)
{
    private const float Wait = 20_000;
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    /// <summary>A valid resident ID number (GB 11643 check digit) born on a random day, so the server accepts it.</summary>
    private static string NewIdNumber()
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(15_000));
        var body = "500112" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + UniqueDigits(3);
        return body + "10X98765432"[body.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
    }

    private static string UniqueDigits(int length) => string.Concat(Guid.NewGuid().ToByteArray().Select(b => (b % 10).ToString(CultureInfo.InvariantCulture)))[..length];

    private async Task PostAsync(string username, string path, string json)
    {
        using var http = await server.ApiClientAsync(username);
        var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Case_detail_moves_the_status_through_its_form_and_keeps_history_and_evidence()
    {
        var phone = "170" + UniqueDigits(8);
        var (id, _) = await server.CreateCaseAsync("longxi.officer",
            $$"""{"title":"冒充公检法案","fraudType":"fake_police","loss":5200,"unitCode":"500112011","victims":[{"name":"赵受害","phone":"13{{UniqueDigits(9)}}"}],"indicators":[{"type":"phone","value":"{{phone}}"}]}""");

        var officer = await server.SignInAsync("longxi.officer");
        await officer.GotoAsync($"/cases/{id}");
        await Assertions.Expect(officer.Locator("h1")).ToContainTextAsync($"案件 #{id}");
        await Assertions.Expect(officer.Locator("#case-status")).ToHaveTextAsync("在办");
        await Assertions.Expect(officer.Locator("#no-history")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#case-indicators")).ToContainTextAsync(phone);

        await officer.SelectOptionAsync("#status-to", "solved");
        await officer.FillAsync("#status-note", "抓获车手");
        await officer.ClickAsync("#do-status");
        await Assertions.Expect(officer.Locator("#action-message.notice")).ToContainTextAsync("状态已变更");
        await Assertions.Expect(officer.Locator("#case-status")).ToHaveTextAsync("已破案");
        var step = officer.Locator("#case-history tbody tr");
        await Assertions.Expect(step).ToHaveCountAsync(1);
        await Assertions.Expect(step).ToContainTextAsync("在办 → 已破案");
        await Assertions.Expect(step).ToContainTextAsync("longxi.officer");
        await Assertions.Expect(step).ToContainTextAsync("抓获车手");

        await officer.SetInputFilesAsync("#evidence-file", new FilePayload { Name = "转账截图.png", MimeType = "image/png", Buffer = Png });
        await officer.FillAsync("#evidence-note", "受害人提供");
        await officer.ClickAsync("#do-attach");
        await Assertions.Expect(officer.Locator("#action-message.notice")).ToContainTextAsync("证据已上传");
        await Assertions.Expect(officer.Locator("#case-evidence tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator("#case-evidence")).ToContainTextAsync("image/png");
        await DemoServer.ShotAsync(officer, "case-detail");

        var download = await officer.RunAndWaitForDownloadAsync(() => officer.ClickAsync("#case-evidence a.evidence-download"));
        Assert.Equal("转账截图.png", download.SuggestedFilename);
        Assert.Equal(Png, await File.ReadAllBytesAsync((await download.PathAsync())!, TestContext.Current.CancellationToken));

        // A bad file is refused and said so; the case keeps its one evidence file.
        await officer.SetInputFilesAsync("#evidence-file", new FilePayload { Name = "x.png", MimeType = "image/png", Buffer = "<script>"u8.ToArray() });
        await officer.ClickAsync("#do-attach");
        await Assertions.Expect(officer.Locator("#action-message.alert")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator("#case-evidence tbody tr")).ToHaveCountAsync(1);

        // Another station's officer gets the same 404 as the API.
        var other = await server.SignInAsync("jiefangbei.officer");
        var response = await other.GotoAsync($"/cases/{id}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(other.Locator("#not-found")).ToBeVisibleAsync();
        await officer.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task Series_leads_to_its_cases_and_a_case_back_to_its_series_on_a_phone()
    {
        var account = "6217" + UniqueDigits(15);
        var ids = new List<long>();
        long series = 0;
        foreach (var title in new[] { "刷单返利案甲", "刷单返利案乙" })
        {
            (var id, series) = await server.CreateCaseAsync("city.analyst",
                $$"""{"title":"{{title}}","fraudType":"task_rebate","loss":3000,"unitCode":"500112011","indicators":[{"type":"account","value":"{{account}}"}]}""");
            ids.Add(id);
        }

        var analyst = await server.SignInAsync("city.analyst", viewport: Phone);
        await analyst.GotoAsync("/series");
        await analyst.ClickAsync($"#series-list tr[data-series='{series}'] a");
        await Assertions.Expect(analyst.Locator("#series-cases")).ToHaveTextAsync("2");
        await analyst.ClickAsync($"a.case-link[href='/cases/{ids[1]}']");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("刷单返利案乙");
        await Assertions.Expect(analyst.Locator("#case-indicators")).ToContainTextAsync(account);
        Assert.True(await analyst.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the case page fits a phone's width");
        await DemoServer.ShotAsync(analyst, "case-detail-phone");
        await analyst.ClickAsync("#case-series");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex($"/series/{series}$"));
        await Assertions.Expect(analyst.Locator("#series-cases")).ToHaveTextAsync("2");
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_cards_and_suspects_are_found_through_their_filter_forms()
    {
        var number = "171" + UniqueDigits(8);
        await PostAsync("city.analyst", "/api/v1/two-cards",
            $$"""{"kind":"sim","number":"{{number}}","holderName":"卡农丙","punishments":["communication"],"years":2,"unitCode":"500112011"}""");
        var idNumber = NewIdNumber();
        await PostAsync("city.analyst", "/api/v1/suspects", $$"""{"name":"钱嫌疑","idNumber":"{{idNumber}}","unitCode":"500112011"}""");

        var analyst = await server.SignInAsync("city.analyst");
        await analyst.GotoAsync("/two-cards");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("两卡惩戒");
        await analyst.SelectOptionAsync("select[name='kind']", "sim");
        await analyst.FillAsync("input[name='number']", number);
        await analyst.ClickAsync("form.filters button[type='submit']");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("kind=sim"));
        await Assertions.Expect(analyst.Locator("p.hint", new() { HasTextString = "共" })).ToContainTextAsync("共 1 条");
        await Assertions.Expect(analyst.Locator("#two-cards tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(analyst.Locator("#two-cards tbody tr")).ToContainTextAsync("通信惩戒");
        await DemoServer.ShotAsync(analyst, "two-cards-filtered");

        await analyst.ClickAsync("nav a[href='/suspects']");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("嫌疑人");
        await analyst.FillAsync("input[name='idNumber']", idNumber);
        await analyst.SelectOptionAsync("select[name='status']", "at_large");
        await analyst.ClickAsync("form.filters button[type='submit']");
        await Assertions.Expect(analyst.Locator("#suspects tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(analyst.Locator("#suspects tbody tr")).ToContainTextAsync("在逃");
        await DemoServer.ShotAsync(analyst, "suspects-filtered");
        await analyst.Context.CloseAsync();
    }

    [Fact]
    public async Task Crackdown_statistics_rank_the_units_drill_down_and_export_on_a_phone()
    {
        await server.CreateCaseAsync("city.analyst", """{"title":"统计页案件","fraudType":"fake_loan","loss":800,"unitCode":"500112011"}""");

        var analyst = await server.SignInAsync("city.analyst", viewport: Phone);
        await analyst.GotoAsync("/crackdown/stats");
        await Assertions.Expect(analyst.Locator("h1")).ToContainTextAsync("打击战果统计");
        await analyst.SelectOptionAsync("#stats-rank-by", "casesFiled");
        await analyst.ClickAsync("#stats-search");
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("rankBy=casesFiled"));
        await Assertions.Expect(analyst.Locator("#stats-totals tr[data-metric='casesFiled']")).ToBeVisibleAsync();
        var yubei = analyst.Locator("#stats-units tr[data-unit='500112']");
        await Assertions.Expect(yubei).ToBeVisibleAsync();
        Assert.True(await analyst.Locator("#stats-units tbody tr").CountAsync() > 1, "every district is ranked");
        Assert.True(await analyst.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the statistics fit a phone's width");
        await DemoServer.ShotAsync(analyst, "crackdown-stats-phone");

        await yubei.Locator("a.drill").ClickAsync();
        await Assertions.Expect(analyst).ToHaveURLAsync(new Regex("unit=500112"));
        await Assertions.Expect(analyst.Locator("#stats-units tr[data-unit='500112011']")).ToBeVisibleAsync(new() { Timeout = Wait });
        var filed = await analyst.Locator("#stats-units tr[data-unit='500112011'] td").Nth(2).InnerTextAsync();
        Assert.True(int.Parse(filed, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) >= 1, $"the station's cases are counted: {filed}");

        var download = await analyst.RunAndWaitForDownloadAsync(() => analyst.ClickAsync("#stats-units-csv"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains("500112011", csv, StringComparison.Ordinal);
        Assert.Contains("排名", csv, StringComparison.Ordinal);
        await analyst.Context.CloseAsync();
    }
}
