using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/campaigns?channel=..&amp;phase=planned|running|finished</c> and <c>GET /api/v1/prevention/campaigns/{id}</c> —
/// the caller's campaigns, with the audience they address (a segment's live count, or the residents and population of the areas).
/// </summary>
public static class ReadCampaigns
{
    public sealed record Audience(int Residents, long Population, string Source);

    public sealed record View(long Id, string Title, string Channel, string Mode, IReadOnlyList<string> FraudTypes, long? SegmentId, IReadOnlyList<string> Areas,
        DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Phase, string Owner, string? Content, string? Venue, IReadOnlyList<SaveCampaign.Video> Playlist,
        int? Reach, int? Attendance, string UnitCode, string CreatedBy, DateTimeOffset CreatedAt, Audience? Audience);

    public static async Task<Results<Ok<List<View>>, ProblemHttpResult>> List(AppDbContext db, TimeProvider clock, string? channel, string? phase,
        CancellationToken ct)
    {
        if (phase is not (null or "planned" or "running" or "finished"))
        {
            return Problems.BadRequest("phase 应为 planned、running 或 finished", "phase must be planned, running or finished");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var q = db.Set<Campaign>().AsNoTracking();
        if (channel is not null)
        {
            q = q.Where(c => c.Channel == channel);
        }
        q = phase switch
        {
            "planned" => q.Where(c => c.StartsAt > now),
            "running" => q.Where(c => c.StartsAt <= now && c.EndsAt >= now),
            "finished" => q.Where(c => c.EndsAt < now),
            _ => q,
        };
        var rows = await q.OrderByDescending(c => c.StartsAt).ThenByDescending(c => c.Id).Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c => ViewOf(c, now, null)).ToList());
    }

    public static async Task<Results<Ok<View>, ProblemHttpResult>> Get(long id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(ViewOf(c, now, await AudienceAsync(db, c, now, ct)));
    }

    public static async Task<Audience> AudienceAsync(AppDbContext db, Campaign c, DateTime now, CancellationToken ct)
    {
        var areas = c.AreaList.ToList();
        var units = await db.Units.AsNoTracking().Where(u => areas.Contains(u.Code)).Select(u => new { u.UnitPath, u.Population }).ToListAsync(ct);
        var population = units.Sum(u => (long)u.Population);
        if (c.SegmentId is { } sid && await db.Set<Segment>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sid, ct) is { } segment)
        {
            return new Audience((await SegmentQuery.CountAsync(db, segment, now, detail: false, ct)).Total, population, "segment");
        }
        var residents = 0;
        foreach (var u in units)
        {
            residents += await db.Residents.CountAsync(r => r.UnitPath.StartsWith(u.UnitPath), ct);
        }
        return new Audience(residents, population, "areas");
    }

    public static string Phase(Campaign c, DateTime now) => c.StartsAt > now ? "planned" : c.EndsAt >= now ? "running" : "finished";

    public static View ViewOf(Campaign c, DateTime now, Audience? audience) => new(c.Id, c.Title, c.Channel, c.Mode, c.FraudTypeList, c.SegmentId, c.AreaList,
        ListWarnings.Utc(c.StartsAt), ListWarnings.Utc(c.EndsAt), Phase(c, now), c.Owner, c.Content, c.Venue,
        c.Playlist is null ? [] : JsonSerializer.Deserialize<List<SaveCampaign.Video>>(c.Playlist, JsonSerializerOptions.Web) ?? [],
        c.Reach, c.Attendance, c.UnitCode, c.CreatedBy, ListWarnings.Utc(c.CreatedAt), audience);
}
