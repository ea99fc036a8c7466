using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Stats;

/// <summary>
/// <c>GET /api/v1/stats/summary?from=..&amp;to=..&amp;unit=..</c> — warnings by level, outcomes, the effective early-warning rate
/// with its numerator and denominator, and SLA compliance, within the caller's territory.
/// </summary>
public static class GetSummary
{
    public sealed record Levels(int Special, int High, int Medium, int Low);

    public sealed record Rate(double? Value, int Numerator, int Denominator);

    public sealed record Sla(int Met, int Breached);

    public sealed record Response(DateTimeOffset From, DateTimeOffset To, string? Unit, Levels Warnings, int Open, int Closed,
        IReadOnlyDictionary<string, int> Outcomes, Rate EffectiveRate, Sla Sla, long LossFen, long StoppedFen);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory, TimeProvider clock,
        Dissuasion.PolicyBook policies, string? from, string? to, string? unit, CancellationToken ct)
    {
        var (query, scope, start, end, problem) = await StatsQuery.ParseAsync(db, territory, from, to, unit, clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        var opened = await query!.Where(w => w.OpenedAt >= start && w.OpenedAt < end)
            .GroupBy(w => w.Level).Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(RiskLevel l) => opened.FirstOrDefault(o => o.Level == l)?.Count ?? 0;
        var stillOpen = await query!.CountAsync(w => w.OpenedAt >= start && w.OpenedAt < end && w.Status == WarningStatus.Open, ct);

        var closed = await query!.Where(w => w.Status == WarningStatus.Closed && w.ClosedAt >= start && w.ClosedAt < end)
            .Select(w => new { w.Id, w.Outcome, w.ReachedAt, w.LossFen, w.StoppedFen, w.SubjectKey, w.ClosedAt }).ToListAsync(ct);
        var keys = closed.Select(w => w.SubjectKey).Distinct().ToList();
        var laterCases = await db.Cases.IgnoreQueryFilters().Where(c => c.VictimKey != null && keys.Contains(c.VictimKey))
            .Select(c => new { c.VictimKey, c.CreatedAt, c.WarningId }).ToListAsync(ct);

        // DESIGN §4: reached before any loss, and no loss reported within 30 days, over all closed warnings except not-fraud.
        var counted = closed.Where(w => w.Outcome != "not_fraud").ToList();
        var effective = counted.Count(w => w.ReachedAt is not null && w.Outcome != "defrauded" && (w.LossFen ?? 0) == 0
            && !laterCases.Any(c => c.VictimKey == w.SubjectKey && c.WarningId != w.Id && c.CreatedAt >= w.ClosedAt && c.CreatedAt <= w.ClosedAt!.Value.AddDays(30)));

        var timings = await query!.Where(w => w.OpenedAt >= start && w.OpenedAt < end)
            .Select(w => new { w.Level, w.LevelSince, w.SignedForAt, w.FirstContactAt, w.FaceToFaceAt }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var policy = await policies.CurrentAsync(ct);
        int met = 0, breached = 0;
        foreach (var w in timings)
        {
            var d = policy.DeadlinesFor(w.Level, w.LevelSince);
            foreach (var (deadline, done) in new[] { ((DateTime?)d.SignFor, w.SignedForAt), (d.FirstContact, w.FirstContactAt), (d.FaceToFace, w.FaceToFaceAt) })
            {
                if (deadline is not { } due)
                {
                    continue;
                }
                if (done is { } at)
                {
                    _ = at <= due ? met++ : breached++;
                }
                else if (now > due)
                {
                    breached++;
                }
            }
        }
        return TypedResults.Ok(new Response(ListWarnings.Utc(start), ListWarnings.Utc(end), scope?.Code,
            new Levels(Count(RiskLevel.Special), Count(RiskLevel.High), Count(RiskLevel.Medium), Count(RiskLevel.Low)), stillOpen, closed.Count,
            closed.GroupBy(w => w.Outcome ?? "unknown").ToDictionary(g => g.Key, g => g.Count()),
            new Rate(counted.Count == 0 ? null : Math.Round((double)effective / counted.Count, 4), effective, counted.Count),
            new Sla(met, breached), closed.Sum(w => w.LossFen ?? 0), closed.Sum(w => w.StoppedFen ?? 0)));
    }
}
