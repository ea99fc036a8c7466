using System.Globalization;
using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Suspects;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.TwoCards;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using static Forewarn.Server.Features.Stats.CrackdownStats;

namespace Forewarn.Server.Features.Stats;

/// <summary>
/// <c>GET /api/v1/stats/crackdown/units?from=..&amp;to=..&amp;unit=..&amp;rankBy=..&amp;format=json|csv</c> — crackdown figures (打击战果)
/// per child unit of a unit (by default the caller's: a city sees its districts, a district its stations), ranked by one figure
/// (排名, most first), each beside the same period a year earlier (同比). Records filed at the unit itself form a row of their own.
/// Only units and records of the caller's territory count.
/// </summary>
public static class CrackdownByUnit
{
    public sealed record Row(int Rank, string Code, string Name, Figures Current, Figures LastYear, IReadOnlyDictionary<string, double?> YearOnYear);

    public sealed record Response(DateTimeOffset From, DateTimeOffset To, string Unit, string UnitName, string RankBy, IReadOnlyList<Row> Units);

    public static async Task<Results<Ok<Response>, FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory,
        TimeProvider clock, ClaimsPrincipal user, string? from, string? to, string? unit, string? rankBy, string? format, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["format"] = [L.T("format 应为 json 或 csv", "format must be json or csv")] });
        }
        rankBy ??= "casesSolved";
        if (!Labels().Any(l => l.Key == rankBy))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["rankBy"] = [L.T($"rankBy 应为 {string.Join("、", Labels().Select(l => l.Key))} 之一", $"rankBy must be one of {string.Join(", ", Labels().Select(l => l.Key))}")],
            });
        }
        var (_, scope, start, end, problem) = await StatsQuery.ParseAsync(db, territory, from, to, unit ?? user.FindFirstValue(ForewarnClaims.Unit), clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (end <= start)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["to"] = [L.T("结束时间应晚于开始时间", "to must be after from")] });
        }
        var map = await territory.GetMapAsync(ct);
        var parent = scope ?? map.City;
        // Units are scoped: a unit outside the caller's territory is not found, and only the children inside it are listed.
        if (!await db.Units.AnyAsync(u => u.Code == parent.Code, ct))
        {
            return Problems.NotFound();
        }
        var children = await db.Units.AsNoTracking().Where(u => u.ParentCode == parent.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct);
        var depth = parent.Path.Count;
        string Bucket(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries) is var p && p.Length > depth ? p[depth] : parent.Code;
        var current = await FiguresByUnitAsync(db, parent.UnitPath, start, end, Bucket, ct);
        var lastYear = await FiguresByUnitAsync(db, parent.UnitPath, start.AddYears(-1), end.AddYears(-1), Bucket, ct);
        var codes = children.Select(c => c.Code).Concat(current.Keys).Concat(lastYear.Keys).Distinct().ToList();
        var names = children.ToDictionary(c => c.Code, c => c.Name);
        var empty = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var rows = codes
            .Select(code => (Code: code, Name: code == parent.Code ? L.T($"{parent.Name}（本级）", $"{parent.Name} (itself)") : names.GetValueOrDefault(code) ?? map.Find(code)?.Name ?? code,
                Current: current.GetValueOrDefault(code, empty), LastYear: lastYear.GetValueOrDefault(code, empty)))
            .OrderByDescending(r => Values(r.Current)[rankBy]).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select((r, i) => new Row(i + 1, r.Code, r.Name, r.Current, r.LastYear, Compare(r.Current, r.LastYear)))
            .ToList();
        var response = new Response(ListWarnings.Utc(start), ListWarnings.Utc(end), parent.Code, parent.Name, rankBy, rows);
        if (format != "csv")
        {
            return TypedResults.Ok(response);
        }
        var labels = Labels();
        var header = new List<string> { L.T("排名", "Rank"), L.T("单位代码", "Unit code"), L.T("单位", "Unit") };
        foreach (var l in labels)
        {
            header.AddRange([l.Zh, L.T($"{l.Zh}（去年同期）", $"{l.Zh} (last year)"), L.T($"{l.Zh}（同比）", $"{l.Zh} (year on year)")]);
        }
        var csvRows = rows.Select(r =>
        {
            var now = Values(r.Current);
            var before = Values(r.LastYear);
            var cells = new List<object?> { r.Rank, r.Code, r.Name };
            foreach (var l in labels)
            {
                cells.AddRange([now[l.Key], before[l.Key], r.YearOnYear[l.Key] is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + "%" : ""]);
            }
            return cells;
        });
        return Csv.File(header, csvRows,
            $"crackdown-units-{parent.Code}-{ExportWarnings.ChinaTime(response.From)[..10]}-{ExportWarnings.ChinaTime(response.To)[..10]}");
    }

    /// <summary>The figures of <see cref="CrackdownStats.FiguresAsync"/> under a unit path, split by <paramref name="bucket"/> of each record's unit path.</summary>
    public static async Task<Dictionary<string, Figures>> FiguresByUnitAsync(AppDbContext db, string path, DateTime start, DateTime end,
        Func<string, string> bucket, CancellationToken ct)
    {
        var filed = await db.Cases.Where(c => c.UnitPath.StartsWith(path) && c.CreatedAt >= start && c.CreatedAt < end)
            .Select(c => new { c.UnitPath, c.LossFen }).ToListAsync(ct);
        var solved = await db.Cases.Where(c => c.UnitPath.StartsWith(path) && c.SolvedAt >= start && c.SolvedAt < end).Select(c => c.UnitPath).ToListAsync(ct);
        var arrested = await db.Set<Arrest>().Where(a => a.UnitPath.StartsWith(path) && a.At >= start && a.At < end).Select(a => a.UnitPath).ToListAsync(ct);
        var prosecuted = await db.Set<Suspect>().Where(s => s.UnitPath.StartsWith(path) && s.ProsecutedAt >= start && s.ProsecutedAt < end)
            .Select(s => s.UnitPath).ToListAsync(ct);
        var dens = await db.Set<Den>().Where(d => d.UnitPath.StartsWith(path) && d.DestroyedAt >= start && d.DestroyedAt < end).Select(d => d.UnitPath).ToListAsync(ct);
        var measures = db.Set<TwoCardMeasure>().Where(m => m.UnitPath.StartsWith(path));
        var imposed = await measures.Where(m => m.StartsAt >= start && m.StartsAt < end).Select(m => m.UnitPath).ToListAsync(ct);
        var inForce = await measures.Where(m => m.StartsAt < end && m.ExpiresAt >= end && (m.EndedAt == null || m.EndedAt >= end))
            .Select(m => new { m.UnitPath, m.Financial, Blacklisted = m.Kind == CardKind.Sim && m.Communication }).ToListAsync(ct);

        Dictionary<string, int> Count(IEnumerable<string> paths) => paths.GroupBy(bucket).ToDictionary(g => g.Key, g => g.Count());
        var filedBy = filed.GroupBy(c => bucket(c.UnitPath)).ToDictionary(g => g.Key, g => (Count: g.Count(), Loss: g.Sum(c => c.LossFen)));
        var solvedBy = Count(solved);
        var arrestedBy = Count(arrested);
        var prosecutedBy = Count(prosecuted);
        var densBy = Count(dens);
        var imposedBy = Count(imposed);
        var inForceBy = Count(inForce.Select(m => m.UnitPath));
        var financialBy = Count(inForce.Where(m => m.Financial).Select(m => m.UnitPath));
        var blacklistedBy = Count(inForce.Where(m => m.Blacklisted).Select(m => m.UnitPath));
        var keys = filedBy.Keys.Concat(solvedBy.Keys).Concat(arrestedBy.Keys).Concat(prosecutedBy.Keys).Concat(densBy.Keys)
            .Concat(imposedBy.Keys).Concat(inForceBy.Keys).Distinct();
        return keys.ToDictionary(k => k, k => new Figures(
            filedBy.GetValueOrDefault(k).Count, solvedBy.GetValueOrDefault(k), filedBy.GetValueOrDefault(k).Loss / 100m,
            arrestedBy.GetValueOrDefault(k), prosecutedBy.GetValueOrDefault(k), densBy.GetValueOrDefault(k), imposedBy.GetValueOrDefault(k),
            inForceBy.GetValueOrDefault(k), financialBy.GetValueOrDefault(k), blacklistedBy.GetValueOrDefault(k)));
    }
}
