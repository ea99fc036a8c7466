using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/segments</c> (the caller's segments with live counts), <c>GET /api/v1/prevention/segments/{id}</c> (with counts by
/// age band and grid) and <c>DELETE /api/v1/prevention/segments/{id}</c>.
/// </summary>
public static class ReadSegments
{
    public sealed record View(long Id, string Name, string UnitCode, int? MinAge, int? MaxAge, IReadOnlyList<string> FraudTypes, int WindowDays,
        bool EarlierVictims, string CreatedBy, DateTimeOffset CreatedAt, SegmentQuery.Counts Counts);

    public static async Task<Ok<List<View>>> List(AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Segment>().AsNoTracking().OrderByDescending(s => s.Id).Take(200).ToListAsync(ct);
        var views = new List<View>();
        foreach (var s in rows)
        {
            views.Add(ViewOf(s, await SegmentQuery.CountAsync(db, s, now, detail: false, ct)));
        }
        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<View>, ProblemHttpResult>> Get(long id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var s = await db.Set<Segment>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? Problems.NotFound() : TypedResults.Ok(ViewOf(s, await SegmentQuery.CountAsync(db, s, clock.GetUtcNow().UtcDateTime, detail: true, ct)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(long id, AppDbContext db, CancellationToken ct)
    {
        var s = await db.Set<Segment>().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return Problems.NotFound();
        }
        if (await db.Set<Campaign>().AnyAsync(c => c.SegmentId == id, ct))
        {
            return Problems.Conflict("该人群已被宣传活动使用", "A campaign uses this segment");
        }
        db.Remove(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static View ViewOf(Segment s, SegmentQuery.Counts counts) => new(s.Id, s.Name, s.UnitCode, s.MinAge, s.MaxAge, s.FraudTypeList, s.WindowDays,
        s.EarlierVictims, s.CreatedBy, ListWarnings.Utc(s.CreatedAt), counts);
}
