using System.Text;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// The series report (串并案报告): a series' cases as the caller may see them, with total loss, units, time span and the indicators
/// that link them; <c>GET /api/v1/series/{id}/report.csv</c> exports it (audited, territory-scoped like every case query).
/// </summary>
public static class SeriesReport
{
    public sealed record CaseRow(long Id, string Title, string? FraudType, DateTimeOffset OccurredAt, long LossFen, long StoppedFen, string Status,
        string UnitCode, string UnitName, IReadOnlyList<string> Links);

    /// <summary>A report; <see cref="Links"/> are the <c>type:value</c> keys shared by two or more cases of the series.</summary>
    public sealed record Report(long Id, IReadOnlyList<CaseRow> Cases, IReadOnlyList<string> Links, long TotalLossFen, long TotalStoppedFen,
        IReadOnlyList<(string Code, string Name)> Units, DateTimeOffset From, DateTimeOffset To);

    /// <returns>Null when the series does not exist or none of its cases is in the caller's territory.</returns>
    public static async Task<Report?> BuildAsync(long id, AppDbContext db, SeriesHolder series, CancellationToken ct)
    {
        var found = await series.UseAsync(index => (Cases: index.CasesOf(id), Links: index.LinkingIndicators(id)), ct);
        if (found.Cases.Count == 0)
        {
            return null;
        }
        var ids = found.Cases.ToList();
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.OccurredAt).ThenBy(c => c.Id).ToListAsync(ct);
        if (cases.Count == 0)
        {
            return null;
        }
        var visible = cases.Select(c => c.Id).ToList();
        var links = found.Links.ToHashSet(StringComparer.Ordinal);
        var keys = (await db.CaseIndicators.AsNoTracking().Where(i => visible.Contains(i.CaseId)).Select(i => new { i.CaseId, i.Type, i.Value }).ToListAsync(ct))
            .Select(i => (i.CaseId, Key: i.Type + ":" + i.Value)).Where(i => links.Contains(i.Key)).ToLookup(i => i.CaseId, i => i.Key);
        var codes = cases.Select(c => c.UnitCode).Distinct().ToList();
        var names = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        var rows = cases.Select(c => new CaseRow(c.Id, c.Title, c.FraudType, ListWarnings.Utc(c.OccurredAt), c.LossFen, c.StoppedFen, c.Status, c.UnitCode,
            names.GetValueOrDefault(c.UnitCode, c.UnitCode), [.. keys[c.Id].Distinct().Order(StringComparer.Ordinal)])).ToList();
        // Only the links the caller can see the cases of: a link to a case outside the territory is not shown.
        var shown = rows.SelectMany(r => r.Links).GroupBy(k => k).Where(g => g.Count() >= 2).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        return new Report(id, rows, shown, rows.Sum(r => r.LossFen), rows.Sum(r => r.StoppedFen),
            [.. codes.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c)))], rows.Min(r => r.OccurredAt), rows.Max(r => r.OccurredAt));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(long id, AppDbContext db, SeriesHolder series, TimeProvider clock,
        CancellationToken ct)
    {
        if (await BuildAsync(id, db, series, ct) is not { } report)
        {
            return Problems.NotFound();
        }
        var csv = new StringBuilder();
        Line(csv, L.T("串并案编号", "Series"), L.T("案件编号", "Case"), L.T("案件名称", "Title"), L.T("诈骗类型", "Fraud type"), L.T("案发时间", "Occurred"),
            L.T("损失（元）", "Loss (yuan)"), L.T("止付（元）", "Stopped (yuan)"), L.T("状态", "Status"), L.T("单位代码", "Unit code"), L.T("单位", "Unit"),
            L.T("关联要素", "Linking indicators"));
        foreach (var c in report.Cases)
        {
            Line(csv, report.Id, c.Id, c.Title, c.FraudType, ExportWarnings.ChinaTime(c.OccurredAt), Yuan(c.LossFen), Yuan(c.StoppedFen), c.Status,
                c.UnitCode, c.UnitName, string.Join("; ", c.Links));
        }
        Line(csv, report.Id, L.T("合计", "Total"), L.T($"{report.Cases.Count} 起案件", $"{report.Cases.Count} cases"), null,
            $"{ExportWarnings.ChinaTime(report.From)} – {ExportWarnings.ChinaTime(report.To)}", Yuan(report.TotalLossFen), Yuan(report.TotalStoppedFen), null,
            string.Join("; ", report.Units.Select(u => u.Code)), string.Join("、", report.Units.Select(u => u.Name)), string.Join("; ", report.Links));
        return TypedResults.File(Common.Csv.Bytes(csv), "text/csv; charset=utf-8",
            $"series-{report.Id}-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}.csv");
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params object?[] cells) => csv.AppendJoin(',', cells.Select(Common.Csv.Quote)).Append("\r\n");
}
