using System.Security.Claims;
using System.Text.Json;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Signals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/campaigns</c> and <c>PUT /api/v1/prevention/campaigns/{id}</c> <c>{ title, channel, mode, fraudTypes?, segmentId?,
/// areas?: [codes], startsAt, endsAt?, owner?, content?, venue?, playlist?: [{ fraudType, title, url, minutes? }], reach?, attendance? }</c>,
/// and <c>DELETE /api/v1/prevention/campaigns/{id}</c>. Areas and segment must lie in the caller's territory; a targeted campaign needs a
/// segment (its area is the default audience area), an IPTV campaign a playlist.
/// </summary>
public static class SaveCampaign
{
    public sealed record Video(string? FraudType, string? Title, string? Url, int? Minutes);

    public sealed record Request(string? Title, string? Channel, string? Mode, List<string>? FraudTypes, long? SegmentId, List<string>? Areas,
        string? StartsAt, string? EndsAt, string? Owner, string? Content, string? Venue, List<Video>? Playlist, int? Reach, int? Attendance);

    public sealed record Response(long Id);

    public static async Task<Results<Created<Response>, ProblemHttpResult>> Create(Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var campaign = new Campaign
        {
            Title = "", Channel = "", Mode = "", Areas = "", Owner = user.Identity?.Name ?? "unknown",
            UnitCode = user.FindFirstValue(ForewarnClaims.Unit) ?? "", UnitPath = user.FindFirstValue(ForewarnClaims.UnitPath) ?? TerritoryScope.Nothing,
            CreatedBy = user.Identity?.Name ?? "unknown", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await ApplyAsync(campaign, request, db, ct) is { } problem)
        {
            return problem;
        }
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/prevention/campaigns/{campaign.Id}", new Response(campaign.Id));
    }

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Update(long id, Request request, AppDbContext db, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Problems.NotFound();
        }
        if (await ApplyAsync(campaign, request, db, ct) is { } problem)
        {
            return problem;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(id));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, AppDbContext db, CancellationToken ct)
    {
        var campaign = await db.Set<Campaign>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Problems.NotFound();
        }
        db.Remove(campaign);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<ProblemHttpResult?> ApplyAsync(Campaign c, Request r, AppDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Length > 200)
        {
            errors["title"] = [L.T("标题必填（不超过200字）", "title is required (at most 200 characters)")];
        }
        if (!Campaign.Channels.Contains(r.Channel))
        {
            errors["channel"] = [L.T("渠道应为 iptv、wechat、sms、lecture 或 event", "channel must be iptv, wechat, sms, lecture or event")];
        }
        if (!Campaign.Modes.Contains(r.Mode))
        {
            errors["mode"] = [L.T("方式应为 mass（大水漫灌）或 targeted（精准滴灌）", "mode must be mass or targeted")];
        }
        var types = r.FraudTypes?.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList() ?? [];
        if (types.Any(t => FraudTypes.Find(t) is null))
        {
            errors["fraudTypes"] = [L.T("诈骗类型无效", "unknown fraud type")];
        }
        DateTime starts = default, ends = default;
        if (r.StartsAt is null || !SignalValidation.TryParseTime(r.StartsAt, out starts))
        {
            errors["startsAt"] = [L.T("开始时间必填（ISO 8601）", "startsAt is required (ISO 8601)")];
        }
        else if (r.EndsAt is null)
        {
            ends = starts;
        }
        else if (!SignalValidation.TryParseTime(r.EndsAt, out ends) || ends < starts)
        {
            errors["endsAt"] = [L.T("结束时间无效或早于开始时间", "endsAt is invalid or before startsAt")];
        }
        if (r.Reach is < 0 || r.Attendance is < 0)
        {
            errors["reach"] = [L.T("覆盖人数和到场人数不能为负", "reach and attendance cannot be negative")];
        }
        if (r.Content?.Length > 5000 || r.Venue?.Length > 200 || r.Owner?.Length > 100)
        {
            errors["content"] = [L.T("内容、地点或负责人过长", "content, venue or owner too long")];
        }
        Segment? segment = null;
        if (r.SegmentId is { } sid)
        {
            segment = await db.Set<Segment>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (segment is null)
            {
                errors["segmentId"] = [L.T("人群不存在或不在您的辖区内", "no such segment in your jurisdiction")];
            }
        }
        else if (r.Mode == "targeted")
        {
            errors["segmentId"] = [L.T("精准滴灌须选择目标人群", "a targeted campaign needs a segment")];
        }
        var codes = r.Areas?.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct().ToList() ?? [];
        if (codes.Count == 0 && segment is not null)
        {
            codes = [segment.UnitCode];
        }
        var found = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct);
        if (codes.Count == 0 || codes.Count > 50 || found.Count != codes.Count)
        {
            errors["areas"] = [L.T("请选择1–50个辖区内的单位", "choose 1–50 units in your jurisdiction")];
        }
        var playlist = new List<Video>();
        foreach (var (v, i) in (r.Playlist ?? []).Select((v, i) => (v, i)))
        {
            if (FraudTypes.Find(v.FraudType) is null || string.IsNullOrWhiteSpace(v.Title) || v.Title.Length > 200
                || !Uri.TryCreate(v.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || v.Url.Length > 500 || v.Minutes is < 0 or > 600)
            {
                errors[$"playlist[{i}]"] = [L.T("视频须有诈骗类型、标题和 http(s) 地址", "a video needs a fraud type, a title and an http(s) URL")];
                continue;
            }
            playlist.Add(v with { Title = v.Title.Trim() });
        }
        if (r.Channel == "iptv" && playlist.Count == 0)
        {
            errors["playlist"] = [L.T("IPTV 反诈专区须有播放列表", "an IPTV campaign needs a playlist")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        c.Title = r.Title!.Trim();
        c.Channel = r.Channel!;
        c.Mode = r.Mode!;
        c.FraudTypes = types.Count > 0 ? string.Join(',', types) : null;
        c.SegmentId = segment?.Id;
        c.Areas = string.Join(',', codes);
        c.StartsAt = starts;
        c.EndsAt = ends;
        c.Owner = r.Owner?.Trim() is { Length: > 0 } owner ? owner : c.Owner;
        c.Content = r.Content;
        c.Venue = r.Venue;
        c.Playlist = playlist.Count > 0 ? JsonSerializer.Serialize(playlist, JsonSerializerOptions.Web) : null;
        c.Reach = r.Reach;
        c.Attendance = r.Attendance;
        return null;
    }
}
