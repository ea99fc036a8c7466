using System.Linq.Expressions;
using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/campaigns/{id}/effect?days=30&amp;control=code,code</c> — did the campaign work? Warnings and cases in the
/// targeted areas in the <c>days</c> before it started and the <c>days</c> after it ended, against comparable untargeted areas over the same
/// periods (difference in differences, on rates per 10,000 residents). Control areas default to the targeted units' siblings of the same
/// level in the caller's territory; a caller may name them instead. Counts are computed in SQL.
/// </summary>
public static class CampaignEffect
{
    public sealed record Period(DateTimeOffset From, DateTimeOffset To);

    public sealed record Group(IReadOnlyList<string> Units, long Population, string PopulationSource);

    public sealed record Measure(long TreatedBefore, long TreatedAfter, long? ControlBefore, long? ControlAfter, DidEstimate PerTenThousand);

    public sealed record Response(long CampaignId, int Days, Period Before, Period After, bool Complete, Group Treated, Group? Control,
        Measure Warnings, Measure Cases);

    private sealed record Area(string Code, string? ParentCode, string UnitPath, int Population, Engine.UnitLevel Level);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, int? days, string? control, AppDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (days is < 1 or > 365)
        {
            return Problems.BadRequest("days 应为1–365", "days must be 1–365");
        }
        var c = await db.Set<Campaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }
        var window = TimeSpan.FromDays(days ?? 30);
        var codes = c.AreaList.ToList();
        var treated = await AreasAsync(db, codes, ct);
        List<Area> controls;
        if (control is { Length: > 0 })
        {
            var named = control.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            controls = await AreasAsync(db, named, ct);
            if (controls.Count != named.Count || controls.Any(a => Overlaps(a, treated)))
            {
                return Problems.BadRequest("对照区域须为辖区内、且与投放区域不重叠的单位", "control areas must be units in your jurisdiction that do not overlap the targeted ones");
            }
        }
        else
        {
            var parents = treated.Select(t => t.ParentCode).Where(p => p is not null).Distinct().ToList();
            var levels = treated.Select(t => t.Level).Distinct().ToList();
            var siblings = await db.Units.AsNoTracking().Where(u => u.ParentCode != null && parents.Contains(u.ParentCode) && levels.Contains(u.Level))
                .Select(u => new Area(u.Code, u.ParentCode, u.UnitPath, u.Population, u.Level)).ToListAsync(ct);
            controls = [.. siblings.Where(s => !Overlaps(s, treated))];
        }
        var before = (From: c.StartsAt - window, To: c.StartsAt);
        var after = (From: c.EndsAt, To: c.EndsAt + window);
        var tPop = await PopulationAsync(db, treated, ct);
        var cPop = controls.Count > 0 ? await PopulationAsync(db, controls, ct) : default;
        async Task<Measure> MeasureAsync<T>(IQueryable<T> events, Expression<Func<T, DateTime>> at) where T : class, IScoped
        {
            var tb = await CountAsync(events, treated, at, before, ct);
            var ta = await CountAsync(events, treated, at, after, ct);
            long? cb = controls.Count > 0 ? await CountAsync(events, controls, at, before, ct) : null;
            long? ca = controls.Count > 0 ? await CountAsync(events, controls, at, after, ct) : null;
            var did = DidEstimate.Of(new GroupCounts(tb, ta, tPop.Population),
                controls.Count > 0 ? new GroupCounts(cb!.Value, ca!.Value, cPop.Population) : null);
            return new Measure(tb, ta, cb, ca, did);
        }
        var warnings = await MeasureAsync(db.Warnings.AsNoTracking(), w => w.OpenedAt);
        var cases = await MeasureAsync(db.Cases.AsNoTracking(), k => k.OccurredAt);
        return TypedResults.Ok(new Response(id, (int)window.TotalDays, new Period(ListWarnings.Utc(before.From), ListWarnings.Utc(before.To)),
            new Period(ListWarnings.Utc(after.From), ListWarnings.Utc(after.To)), after.To <= clock.GetUtcNow().UtcDateTime,
            new Group([.. treated.Select(t => t.Code)], tPop.Population, tPop.Source),
            controls.Count > 0 ? new Group([.. controls.Select(t => t.Code)], cPop.Population, cPop.Source) : null, warnings, cases));
    }

    private static Task<List<Area>> AreasAsync(AppDbContext db, List<string> codes, CancellationToken ct) =>
        db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).Select(u => new Area(u.Code, u.ParentCode, u.UnitPath, u.Population, u.Level)).ToListAsync(ct);

    private static bool Overlaps(Area a, List<Area> treated) =>
        treated.Any(t => a.UnitPath.StartsWith(t.UnitPath, StringComparison.Ordinal) || t.UnitPath.StartsWith(a.UnitPath, StringComparison.Ordinal));

    /// <summary>The units' recorded population, or where none is recorded the residents on file.</summary>
    private static async Task<(long Population, string Source)> PopulationAsync(AppDbContext db, List<Area> areas, CancellationToken ct)
    {
        var recorded = areas.Sum(a => (long)a.Population);
        if (recorded > 0)
        {
            return (recorded, "units");
        }
        return (await Within(db.Residents.AsNoTracking(), areas).LongCountAsync(ct), "residents");
    }

    private static Task<long> CountAsync<T>(IQueryable<T> events, List<Area> areas, Expression<Func<T, DateTime>> at, (DateTime From, DateTime To) period,
        CancellationToken ct) where T : class, IScoped
    {
        // at >= from && at < to, on the given instant column.
        var e = at.Parameters[0];
        var inPeriod = Expression.Lambda<Func<T, bool>>(Expression.AndAlso(
            Expression.GreaterThanOrEqual(at.Body, Expression.Constant(period.From)),
            Expression.LessThan(at.Body, Expression.Constant(period.To))), e);
        return Within(events, areas).Where(inPeriod).LongCountAsync(ct);
    }

    /// <summary>Rows whose unit path lies under any of the areas (one OR of prefix matches, run in SQL).</summary>
    private static IQueryable<T> Within<T>(IQueryable<T> rows, List<Area> areas) where T : class, IScoped
    {
        var e = Expression.Parameter(typeof(T), "e");
        var path = Expression.Property(e, nameof(IScoped.UnitPath));
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        Expression body = Expression.Constant(false);
        foreach (var a in areas)
        {
            body = Expression.OrElse(body, Expression.Call(path, startsWith, Expression.Constant(a.UnitPath)));
        }
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, e));
    }
}
