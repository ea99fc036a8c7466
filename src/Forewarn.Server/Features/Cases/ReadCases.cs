using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// <c>GET /api/v1/cases/{id}</c> (with its series), <c>GET /api/v1/series?minCases=2</c> and <c>GET /api/v1/series/{id}</c>.
/// A series lists only the cases the caller may see; the linking indicators show why they belong together.
/// </summary>
public static class ReadCases
{
    public sealed record VictimView(string? Name, string? Phone);

    public sealed record IndicatorView(string Type, string Value);

    public sealed record CaseView(long Id, string Title, string? FraudType, DateTimeOffset OccurredAt, decimal Loss, decimal Stopped, string Status,
        string UnitCode, long SeriesId, long? WarningId, IReadOnlyList<VictimView> Victims, IReadOnlyList<IndicatorView> Indicators,
        Prevention.KnowledgeBase.Guide? Guide, IReadOnlyList<StatusChangeView> History, IReadOnlyList<CaseEvidenceFiles.Item> Evidence);

    /// <summary>One step of the case's status history: who recorded it, when it happened and when it was recorded.</summary>
    public sealed record StatusChangeView(string From, string To, DateTimeOffset At, DateTimeOffset RecordedAt, string By, string? Note);

    public sealed record SeriesView(long Id, IReadOnlyList<long> Cases, IReadOnlyList<string> Indicators, decimal TotalLoss, IReadOnlyList<string> Units,
        DateTimeOffset? From, DateTimeOffset? To);

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetCase(long id, AppDbContext db, SeriesHolder series, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }
        var victims = await db.CaseVictims.AsNoTracking().Where(v => v.CaseId == id).ToListAsync(ct);
        var indicators = await db.CaseIndicators.AsNoTracking().Where(i => i.CaseId == id).ToListAsync(ct);
        var history = await db.Set<CaseStatusChange>().AsNoTracking().Where(h => h.CaseId == id).OrderBy(h => h.RecordedAt).ThenBy(h => h.Id).ToListAsync(ct);
        var evidence = await db.Set<CaseEvidence>().AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Note, e.At, e.By }).ToListAsync(ct);
        var seriesId = await series.UseAsync(index => index.CaseCount > 0 && index.CasesOf(index.SeriesOf(id)).Count > 0 ? index.SeriesOf(id) : id, ct);
        return TypedResults.Ok(new CaseView(c.Id, c.Title, c.FraudType, ListWarnings.Utc(c.OccurredAt), c.LossFen / 100m, c.StoppedFen / 100m, c.Status,
            c.UnitCode, seriesId, c.WarningId, victims.Select(v => new VictimView(Mask.Name(v.Name), Mask.Phone(v.Phone))).ToList(),
            indicators.Select(i => new IndicatorView(i.Type, i.Value)).ToList(), await Prevention.KnowledgeBase.ForAsync(db, c.FraudType, ct),
            history.Select(h => new StatusChangeView(h.From, h.To, ListWarnings.Utc(h.At), ListWarnings.Utc(h.RecordedAt), h.By, h.Note)).ToList(),
            evidence.Select(e => new CaseEvidenceFiles.Item(e.Id, e.FileName, e.ContentType, e.Size, e.Sha256, e.Note, ListWarnings.Utc(e.At), e.By)).ToList()));
    }

    public static async Task<Ok<List<SeriesView>>> List(AppDbContext db, SeriesHolder series, int? minCases, CancellationToken ct)
    {
        var min = Math.Max(minCases ?? 2, 1);
        var all = await series.UseAsync(index => index.Series(min).Select(s => (s.SeriesId, s.Cases, Links: index.LinkingIndicators(s.SeriesId))).ToList(), ct);
        var views = new List<SeriesView>();
        foreach (var s in all)
        {
            if (await ViewAsync(db, s.SeriesId, s.Cases, s.Links, ct) is { } view && view.Cases.Count >= min)
            {
                views.Add(view);
            }
        }
        return TypedResults.Ok(views);
    }

    public static async Task<Results<Ok<SeriesView>, ProblemHttpResult>> GetSeries(long id, AppDbContext db, SeriesHolder series, CancellationToken ct)
    {
        var found = await series.UseAsync(index => (Cases: index.CasesOf(id), Links: index.LinkingIndicators(id)), ct);
        return found.Cases.Count > 0 && await ViewAsync(db, id, found.Cases, found.Links, ct) is { Cases.Count: > 0 } view
            ? TypedResults.Ok(view)
            : Problems.NotFound();
    }

    /// <summary>The series as the caller may see it: the territory filter drops cases outside their jurisdiction.</summary>
    private static async Task<SeriesView?> ViewAsync(AppDbContext db, long id, IReadOnlyList<long> cases, IReadOnlyList<string> links, CancellationToken ct)
    {
        var ids = cases.ToList();
        var visible = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.LossFen, c.UnitCode, c.OccurredAt }).ToListAsync(ct);
        return visible.Count == 0 ? null : new SeriesView(id, [.. visible.Select(c => c.Id).Order()], links, visible.Sum(c => c.LossFen) / 100m,
            [.. visible.Select(c => c.UnitCode).Distinct().Order()], ListWarnings.Utc(visible.Min(c => c.OccurredAt)), ListWarnings.Utc(visible.Max(c => c.OccurredAt)));
    }
}
