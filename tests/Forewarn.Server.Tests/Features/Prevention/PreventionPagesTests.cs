using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Prevention;

/// <summary>The prevention pages render for staff, and the public page works without signing in.</summary>
public abstract class PreventionPagesTests(ForewarnApp app) : ProviderTests(app)
{
    /// <summary>The page's text with the HTML encoding of Chinese characters undone.</summary>
    private static async Task<string> PageAsync(HttpClient client, string path, CancellationToken ct) => WebUtility.HtmlDecode(await client.GetStringAsync(path, ct));

    [Fact]
    public async Task Staff_pages_show_the_knowledge_base_segments_and_a_campaigns_effect()
    {
        var grid = await App.NewGridAsync("500112144", population: 5000);
        await App.AddResidentAsync(grid, 70);
        var warningId = await App.AddWarningAsync(grid, "fake_customer_service", DateTime.UtcNow.AddHours(-2));
        using var analyst = await App.ClientFor("city.analyst");
        var segment = await (await analyst.PostAsJsonAsync("/api/v1/prevention/segments", new { name = "页面测试人群", unitCode = grid.Code, minAge = 60 }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var campaign = await (await analyst.PostAsJsonAsync("/api/v1/prevention/campaigns", new
        {
            title = "页面测试讲座", channel = "lecture", mode = "targeted", segmentId = segment.GetProperty("id").GetInt64(),
            startsAt = DateTimeOffset.UtcNow.AddDays(-40).ToString("O"), endsAt = DateTimeOffset.UtcNow.AddDays(-39).ToString("O"),
        }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var knowledge = await PageAsync(analyst, "/prevention/knowledge", Ct);
        var police = await PageAsync(analyst, "/prevention/knowledge/fake_police", Ct);
        var segments = await PageAsync(analyst, $"/prevention/segments?id={segment.GetProperty("id").GetInt64()}", Ct);
        var campaigns = await PageAsync(analyst, "/prevention/campaigns", Ct);
        var effect = await PageAsync(analyst, $"/prevention/campaigns/{campaign.GetProperty("id").GetInt64()}", Ct);
        var warning = await PageAsync(analyst, $"/warnings/{warningId}", Ct);

        Assert.Contains("刷单返利", knowledge);
        Assert.Contains("安全账户", police);
        Assert.Contains("id=\"do-propose\"", police);
        Assert.Contains("id=\"export-targets\"", segments);
        Assert.Contains("页面测试讲座", campaigns);
        Assert.Contains("id=\"effect-chart\"", effect);
        Assert.Contains("id=\"fraud-type-card\"", warning);
        Assert.Contains("冒充电商物流客服", warning);
    }

    [Fact]
    public async Task The_public_page_checks_a_number_without_signing_in_and_shows_no_personal_data()
    {
        var fraud = Intake.NewFraudPhone();
        await App.BlacklistAsync("phone", fraud);
        using var citizen = App.CreateClient();

        var risky = await citizen.GetAsync($"/public?kind=phone&value={fraud}", Ct);
        var html = WebUtility.HtmlDecode(await risky.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.OK, risky.StatusCode);
        Assert.Contains("id=\"check-result\"", html);
        Assert.Contains("risk-high", html);
        Assert.Contains("id=\"do-report\"", html);
        Assert.Contains("刷单就是诈骗", html);
        Assert.DoesNotContain("话术", html);
    }
}

public sealed class PreventionPagesTests_Sqlite(SqliteApp app) : PreventionPagesTests(app);

public sealed class PreventionPagesTests_Postgres(PostgresApp app) : PreventionPagesTests(app);
