using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Prevention;

public abstract class KnowledgeBaseTests(ForewarnApp app) : ProviderTests(app)
{
    [Fact]
    public async Task Every_fraud_type_has_a_guide_in_both_languages_and_citizens_see_only_the_warnings()
    {
        using var analyst = await App.ClientFor("city.analyst");
        var zh = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/prevention/knowledge", Ct);
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/prevention/knowledge");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await analyst.SendAsync(english, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var citizen = App.CreateClient();
        var open = await citizen.GetFromJsonAsync<JsonElement>("/api/v1/public/fraud-types", Ct);

        Assert.Equal(10, zh.GetArrayLength());
        Assert.All(zh.EnumerateArray(), g =>
        {
            Assert.True(g.GetProperty("signs").GetArrayLength() >= 3);
            // Another test may have approved a short test script for one type.
            Assert.True(g.GetProperty("script").GetString()!.Length > 20);
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("targets").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("warning").GetString()));
        });
        var police = zh.EnumerateArray().Single(g => g.GetProperty("fraudType").GetString() == "fake_police");
        Assert.Equal("冒充公检法", police.GetProperty("name").GetString());
        Assert.Contains("安全账户", police.GetProperty("script").GetString());
        Assert.True(police.GetProperty("script").GetString()!.Length > 300);
        Assert.Contains("safe account", en.EnumerateArray().Single(g => g.GetProperty("fraudType").GetString() == "fake_police").GetProperty("script").GetString());
        Assert.Equal(10, open.GetArrayLength());
        Assert.All(open.EnumerateArray(), g => Assert.False(g.TryGetProperty("script", out _)));
        Assert.Contains("杀猪盘", open.EnumerateArray().Single(g => g.GetProperty("fraudType").GetString() == "romance").GetProperty("warning").GetString());
    }

    [Fact]
    public async Task An_edit_takes_effect_only_when_a_second_person_approves_it_and_every_version_is_kept()
    {
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        using var analyst = await App.ClientFor("city.analyst");
        using var grid = await App.ClientFor("longxi.grid");
        var script = "测试话术：游戏账号只在官方平台交易。" + Guid.NewGuid().ToString("N");

        var proposed = await dispatcher.PostAsJsonAsync("/api/v1/prevention/knowledge/game_trading", new { scriptZh = script, note = "补充话术" }, Ct);
        var version = (await proposed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32();
        var before = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/prevention/knowledge/game_trading", Ct);
        var own = await dispatcher.PostAsync($"/api/v1/prevention/knowledge/game_trading/{version}/approve", null, Ct);
        var byGrid = await grid.PostAsJsonAsync("/api/v1/prevention/knowledge/game_trading", new { scriptZh = "x" }, Ct);
        var empty = await dispatcher.PostAsJsonAsync("/api/v1/prevention/knowledge/game_trading", new { warningZh = " " }, Ct);
        var approved = await analyst.PostAsync($"/api/v1/prevention/knowledge/game_trading/{version}/approve", null, Ct);
        var twice = await analyst.PostAsync($"/api/v1/prevention/knowledge/game_trading/{version}/approve", null, Ct);
        var after = await analyst.GetFromJsonAsync<JsonElement>("/api/v1/prevention/knowledge/game_trading", Ct);

        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.True(version >= 2);
        Assert.NotEqual(script, before.GetProperty("active").GetProperty("script").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byGrid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(script, after.GetProperty("active").GetProperty("script").GetString());
        Assert.Equal(version, after.GetProperty("active").GetProperty("version").GetInt32());
        var versions = after.GetProperty("versions").EnumerateArray().ToList();
        var mine = versions.Single(v => v.GetProperty("version").GetInt32() == version);
        Assert.Equal("active", mine.GetProperty("status").GetString());
        Assert.Equal("yubei.dispatcher", mine.GetProperty("proposedBy").GetString());
        Assert.Equal("city.analyst", mine.GetProperty("decidedBy").GetString());
        // The rest of the text was carried over from the version it edits.
        Assert.Contains("游戏", mine.GetProperty("warningZh").GetString());
        Assert.Equal("retired", versions.Single(v => v.GetProperty("version").GetInt32() == 1).GetProperty("status").GetString());
        Assert.DoesNotContain(versions, v => v.GetProperty("status").GetString() == "active" && v.GetProperty("version").GetInt32() != version);

        using var auditor = await App.ClientFor("audit.admin");
        var log = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit?event=/api/v1/prevention/knowledge&take=200", Ct);
        Assert.Contains(log.EnumerateArray(), r => r.GetProperty("user").GetString() == "yubei.dispatcher" && r.GetProperty("event").GetString()!.StartsWith("POST", StringComparison.Ordinal));
        Assert.Contains(log.EnumerateArray(), r => r.GetProperty("user").GetString() == "city.analyst" && r.GetProperty("event").GetString()!.Contains("approve", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_warning_and_a_case_carry_the_script_of_their_fraud_type()
    {
        var grid = await App.NewGridAsync("500112143");
        var warningId = await App.AddWarningAsync(grid, "fake_police", DateTime.UtcNow.AddHours(-1));
        using var analyst = await App.ClientFor("city.analyst");
        var created = await analyst.PostAsJsonAsync("/api/v1/cases", new
        {
            title = "冒充公检法诈骗案", fraudType = "fake_police", occurredAt = Intake.At(TimeSpan.FromDays(1)), loss = 5000, unitCode = "500112",
            victims = Array.Empty<object>(), indicators = Array.Empty<object>(),
        }, Ct);
        var caseId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var warning = await App.WarningAsync(warningId);
        var kase = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);

        Assert.Equal("fake_police", warning.GetProperty("guide").GetProperty("fraudType").GetString());
        Assert.Contains("安全账户", warning.GetProperty("guide").GetProperty("script").GetString());
        Assert.Contains("安全账户", kase.GetProperty("guide").GetProperty("script").GetString());
    }
}

public sealed class KnowledgeBaseTests_Sqlite(SqliteApp app) : KnowledgeBaseTests(app);

public sealed class KnowledgeBaseTests_Postgres(PostgresApp app) : KnowledgeBaseTests(app);
