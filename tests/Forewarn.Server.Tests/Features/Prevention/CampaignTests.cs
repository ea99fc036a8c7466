using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Forewarn.Server.Tests.Infrastructure;

namespace Forewarn.Server.Tests.Features.Prevention;

public abstract class CampaignTests(ForewarnApp app) : ProviderTests(app)
{
    private static string Iso(DateTime utc) => new DateTimeOffset(utc).ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_campaigns_effect_is_the_difference_in_differences_against_comparable_untargeted_areas()
    {
        const string station = "500112142";
        var treated = await App.NewGridAsync(station, population: 10_000);
        var control = await App.NewGridAsync(station, population: 20_000);
        var start = DateTime.UtcNow.Date.AddDays(-70).AddHours(2);
        var end = start.AddDays(1);
        async Task EventsAsync((string, string) grid, int before, int after, bool cases = false)
        {
            for (var i = 0; i < before; i++)
            {
                _ = cases ? await App.AddCaseAsync(grid, "romance", start.AddDays(-1 - i)) : await App.AddWarningAsync(grid, "romance", start.AddDays(-1 - i));
            }
            for (var i = 0; i < after; i++)
            {
                _ = cases ? await App.AddCaseAsync(grid, "romance", end.AddDays(1 + i)) : await App.AddWarningAsync(grid, "romance", end.AddDays(1 + i));
            }
        }
        // Warnings per 10,000: treated 6 → 2, control 2 → 2; cases: treated 2 → 0, control 0.5 → 0.5.
        await EventsAsync(treated, 6, 2);
        await EventsAsync(control, 8, 8);
        await EventsAsync(treated, 2, 0, cases: true);
        await EventsAsync(control, 1, 1, cases: true);
        // Outside both periods: must not count.
        await App.AddWarningAsync(treated, "romance", start.AddDays(-45));
        await App.AddWarningAsync(treated, "romance", end.AddDays(40));
        await App.AddWarningAsync(treated, "romance", start.AddHours(5));
        using var dispatcher = await App.ClientFor("yubei.dispatcher");
        var created = await dispatcher.PostAsJsonAsync("/api/v1/prevention/campaigns", new
        {
            title = "古路镇婚恋交友诈骗防范讲座", channel = "lecture", mode = "mass", fraudTypes = new[] { "romance" }, areas = new[] { treated.Code },
            startsAt = Iso(start), endsAt = Iso(end), venue = "古路镇文化站", attendance = 45,
        }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();

        var effect = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/campaigns/{id}/effect?days=30&control={control.Code}", Ct);
        var siblings = await dispatcher.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/campaigns/{id}/effect", Ct);
        var overlapping = await dispatcher.GetAsync($"/api/v1/prevention/campaigns/{id}/effect?control={station}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(effect.GetProperty("complete").GetBoolean());
        Assert.Equal(10_000, effect.GetProperty("treated").GetProperty("population").GetInt64());
        Assert.Equal(20_000, effect.GetProperty("control").GetProperty("population").GetInt64());
        var w = effect.GetProperty("warnings");
        Assert.Equal([6, 2, 8, 8], new[] { "treatedBefore", "treatedAfter", "controlBefore", "controlAfter" }.Select(k => w.GetProperty(k).GetInt64()));
        var rates = w.GetProperty("perTenThousand");
        Assert.Equal(6, rates.GetProperty("treatedBefore").GetDouble());
        Assert.Equal(2, rates.GetProperty("treatedAfter").GetDouble());
        Assert.Equal(4, rates.GetProperty("controlBefore").GetDouble());
        Assert.Equal(4, rates.GetProperty("controlAfter").GetDouble());
        Assert.Equal(-4, rates.GetProperty("estimate").GetDouble());
        Assert.Equal(-2, effect.GetProperty("cases").GetProperty("perTenThousand").GetProperty("estimate").GetDouble());
        var defaults = siblings.GetProperty("control").GetProperty("units").EnumerateArray().Select(u => u.GetString()).ToList();
        Assert.Contains(control.Code, defaults);
        Assert.DoesNotContain(treated.Code, defaults);
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
    }

    [Fact]
    public async Task Campaigns_are_created_changed_listed_and_deleted_within_the_territory()
    {
        var grid = await App.NewGridAsync("500112143");
        await App.AddResidentAsync(grid, 75);
        await App.AddResidentAsync(grid, 66);
        await App.AddResidentAsync(grid, 40);
        using var officer = await App.ClientFor("yubei.dispatcher");
        using var outsider = await App.ClientFor("jiefangbei.officer");
        var segment = await officer.PostAsJsonAsync("/api/v1/prevention/segments", new { name = "65岁以上", unitCode = grid.Code, minAge = 65 }, Ct);
        var segmentId = (await segment.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var starts = Iso(DateTime.UtcNow.AddDays(3));

        var noSegment = await officer.PostAsJsonAsync("/api/v1/prevention/campaigns", new { title = "短信提醒", channel = "sms", mode = "targeted", startsAt = starts }, Ct);
        var noPlaylist = await officer.PostAsJsonAsync("/api/v1/prevention/campaigns", new { title = "IPTV专区", channel = "iptv", mode = "mass", areas = new[] { grid.Code }, startsAt = starts }, Ct);
        var sms = await officer.PostAsJsonAsync("/api/v1/prevention/campaigns", new
        {
            title = "老年人冒充公检法预警短信", channel = "sms", mode = "targeted", segmentId, fraudTypes = new[] { "fake_police" }, startsAt = starts,
            content = "【反诈提醒】公检法不会电话办案，没有安全账户。",
        }, Ct);
        var iptv = await officer.PostAsJsonAsync("/api/v1/prevention/campaigns", new
        {
            title = "IPTV反诈专区", channel = "iptv", mode = "mass", areas = new[] { "500112" }, startsAt = starts, endsAt = Iso(DateTime.UtcNow.AddDays(33)),
            playlist = new[]
            {
                new { fraudType = "fake_investment", title = "揭秘杀猪盘", url = "https://iptv.example.cn/v/1", minutes = 8 },
                new { fraudType = "task_rebate", title = "刷单就是诈骗", url = "https://iptv.example.cn/v/2", minutes = 5 },
            },
        }, Ct);
        var outside = await outsider.PostAsJsonAsync("/api/v1/prevention/campaigns", new { title = "x", channel = "wechat", mode = "mass", areas = new[] { "500112" }, startsAt = starts }, Ct);
        var smsId = (await sms.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var iptvId = (await iptv.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
        var changed = await officer.PutAsJsonAsync($"/api/v1/prevention/campaigns/{smsId}", new
        {
            title = "老年人冒充公检法预警短信", channel = "sms", mode = "targeted", segmentId, fraudTypes = new[] { "fake_police" }, startsAt = starts, reach = 2,
        }, Ct);
        var read = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/campaigns/{smsId}", Ct);
        var tv = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/prevention/campaigns/{iptvId}", Ct);
        var planned = await officer.GetFromJsonAsync<JsonElement>("/api/v1/prevention/campaigns?phase=planned", Ct);
        var hidden = await outsider.GetAsync($"/api/v1/prevention/campaigns/{smsId}", Ct);
        var segmentInUse = await officer.DeleteAsync($"/api/v1/prevention/segments/{segmentId}", Ct);
        var deleted = await officer.DeleteAsync($"/api/v1/prevention/campaigns/{smsId}", Ct);
        var gone = await officer.GetAsync($"/api/v1/prevention/campaigns/{smsId}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noSegment.StatusCode);
        Assert.True((await noSegment.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("segmentId", out _));
        Assert.True((await noPlaylist.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("playlist", out _));
        Assert.Equal(HttpStatusCode.Created, sms.StatusCode);
        Assert.Equal(HttpStatusCode.Created, iptv.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, read.GetProperty("reach").GetInt32());
        Assert.Equal([grid.Code], read.GetProperty("areas").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("segment", read.GetProperty("audience").GetProperty("source").GetString());
        Assert.Equal(2, read.GetProperty("audience").GetProperty("residents").GetInt32());
        Assert.Equal("planned", read.GetProperty("phase").GetString());
        Assert.Equal("yubei.dispatcher", read.GetProperty("owner").GetString());
        Assert.Equal(2, tv.GetProperty("playlist").GetArrayLength());
        Assert.Equal("揭秘杀猪盘", tv.GetProperty("playlist")[0].GetProperty("title").GetString());
        Assert.True(tv.GetProperty("audience").GetProperty("population").GetInt64() > 0);
        Assert.Contains(planned.EnumerateArray(), c => c.GetProperty("id").GetInt64() == smsId);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, segmentInUse.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

public sealed class CampaignTests_Sqlite(SqliteApp app) : CampaignTests(app);

public sealed class CampaignTests_Postgres(PostgresApp app) : CampaignTests(app);
