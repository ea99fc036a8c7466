using System.Globalization;
using System.Security.Claims;
using System.Text;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Identity;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Stats;

/// <summary>
/// <c>GET /api/v1/stats/kpis?from=..&amp;to=..&amp;unit=..&amp;format=csv</c> — per child unit: sign-for, first-contact,
/// face-to-face and feedback latencies as histograms, medians, and a ranking by median sign-for time.
/// </summary>
public static class GetKpis
{
    public static readonly (string Label, TimeSpan Upper)[] Buckets =
    [
        ("0-30s", TimeSpan.FromSeconds(30)), ("30-60s", TimeSpan.FromSeconds(60)), ("1-5min", TimeSpan.FromMinutes(5)),
        ("5-30min", TimeSpan.FromMinutes(30)), ("30min-2h", TimeSpan.FromHours(2)), ("2-24h", TimeSpan.FromHours(24)), (">24h", TimeSpan.MaxValue),
    ];

    public static readonly string[] Kinds = ["signFor", "firstContact", "faceToFace", "feedback"];

    public sealed record Latency(int Count, double? MedianSeconds, IReadOnlyDictionary<string, int> Histogram);

    public sealed record UnitKpi(int Rank, string Code, string Name, int Warnings, IReadOnlyDictionary<string, Latency> Latencies);

    public sealed record Response(string Unit, IReadOnlyList<UnitKpi> Units);

    public static async Task<Results<Ok<Response>, FileContentHttpResult, ProblemHttpResult>> Handle(AppDbContext db, TerritoryResolver territory,
        TimeProvider clock, ClaimsPrincipal user, string? from, string? to, string? unit, string? format, CancellationToken ct)
    {
        var map = await territory.GetMapAsync(ct);
        var (query, scope, start, end, problem) = await StatsQuery.ParseAsync(db, territory, from, to, unit ?? user.FindFirstValue(ForewarnClaims.Unit), clock, ct);
        if (problem is not null)
        {
            return problem;
        }
        var parent = scope ?? map.City;
        var rows = await query!.Where(w => w.OpenedAt >= start && w.OpenedAt < end)
            .Select(w => new { w.UnitPath, w.OpenedAt, w.SignedForAt, w.FirstContactAt, w.FaceToFaceAt, w.ClosedAt }).ToListAsync(ct);
        var depth = parent.Path.Count;
        var units = rows.GroupBy(r => r.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries) is var p && p.Length > depth ? p[depth] : parent.Code)
            .Select(g =>
            {
                var latencies = new Dictionary<string, Latency>
                {
                    ["signFor"] = Measure(g.Select(r => r.SignedForAt - r.OpenedAt)),
                    ["firstContact"] = Measure(g.Select(r => r.FirstContactAt - r.OpenedAt)),
                    ["faceToFace"] = Measure(g.Select(r => r.FaceToFaceAt - r.OpenedAt)),
                    ["feedback"] = Measure(g.Select(r => r.ClosedAt - r.OpenedAt)),
                };
                return (Code: g.Key, Name: map.Find(g.Key)?.Name ?? g.Key, Count: g.Count(), Latencies: latencies);
            })
            .OrderBy(u => u.Latencies["signFor"].MedianSeconds ?? double.MaxValue).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select((u, i) => new UnitKpi(i + 1, u.Code, u.Name, u.Count, u.Latencies)).ToList();
        if (format == "csv")
        {
            var csv = new StringBuilder("rank,unit,name,warnings,kind,count,median_seconds," + string.Join(',', Buckets.Select(b => b.Label)) + "\n");
            foreach (var u in units)
            {
                foreach (var kind in Kinds)
                {
                    var l = u.Latencies[kind];
                    csv.Append(CultureInfo.InvariantCulture, $"{u.Rank},{u.Code},{u.Name},{u.Warnings},{kind},{l.Count},{l.MedianSeconds?.ToString("F0", CultureInfo.InvariantCulture)},");
                    csv.Append(string.Join(',', Buckets.Select(b => l.Histogram[b.Label]))).Append('\n');
                }
            }
            return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "kpis.csv");
        }
        return TypedResults.Ok(new Response(parent.Code, units));
    }

    public static Latency Measure(IEnumerable<TimeSpan?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value < TimeSpan.Zero ? TimeSpan.Zero : v.Value).Order().ToList();
        var histogram = Buckets.ToDictionary(b => b.Label, _ => 0);
        foreach (var v in list)
        {
            histogram[Buckets.First(b => v < b.Upper).Label]++;
        }
        return new Latency(list.Count, list.Count == 0 ? null : list[list.Count / 2].TotalSeconds, histogram);
    }
}
