using Forewarn.Engine;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Stats;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Components.Board;

/// <summary>The figures of the command board (市反诈中心大屏) for the caller's territory: open warnings per district and per 10,000 residents,
/// open warnings by level, the 30-day summary (effective rate, SLA) and warnings per day.</summary>
public static class BoardData
{
    public sealed record District(string Code, string Name, int Population, int Open, double Per10k);

    public sealed record Day(string Date, int Special, int High, int Medium, int Low);

    public sealed record Board(IReadOnlyList<District> Districts, GetSummary.Levels OpenByLevel, GetSummary.Response? Summary, IReadOnlyList<Day> Days);

    public static async Task<Board> LoadAsync(AppDbContext db, TerritoryResolver territory, TimeProvider clock, Features.Dissuasion.PolicyBook policies, int days,
        CancellationToken ct)
    {
        var districts = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District)
            .Select(u => new { u.Code, u.Name, u.Population }).ToListAsync(ct);
        var open = await db.Warnings.AsNoTracking().Where(w => w.Status == WarningStatus.Open).Select(w => new { w.UnitPath, w.Level }).ToListAsync(ct);
        var byDistrict = open.GroupBy(w => w.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } p ? p[1] : "")
            .ToDictionary(g => g.Key, g => g.Count());
        var list = districts.Select(d =>
            {
                var count = byDistrict.GetValueOrDefault(d.Code);
                return new District(d.Code, d.Name, d.Population, count, d.Population > 0 ? Math.Round(count * 10_000.0 / d.Population, 3) : 0);
            })
            .OrderByDescending(d => d.Per10k).ThenByDescending(d => d.Open).ToList();
        int Count(RiskLevel l) => open.Count(w => w.Level == l);

        var summary = (await GetSummary.Handle(db, territory, clock, policies, null, null, null, ct)).Result as Ok<GetSummary.Response>;

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Ui.China).DateTime);
        var since = DateTime.SpecifyKind(today.AddDays(1 - days).ToDateTime(TimeOnly.MinValue) - Ui.China, DateTimeKind.Utc);
        var opened = await db.Warnings.AsNoTracking().Where(w => w.OpenedAt >= since).Select(w => new { w.OpenedAt, w.Level }).ToListAsync(ct);
        var perDay = opened.GroupBy(w => DateOnly.FromDateTime(w.OpenedAt + Ui.China)).ToDictionary(g => g.Key, g => g.ToList());
        var series = Enumerable.Range(0, days).Select(i => today.AddDays(i + 1 - days)).Select(d =>
        {
            var l = perDay.GetValueOrDefault(d) ?? [];
            return new Day(d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), l.Count(w => w.Level == RiskLevel.Special),
                l.Count(w => w.Level == RiskLevel.High), l.Count(w => w.Level == RiskLevel.Medium), l.Count(w => w.Level == RiskLevel.Low));
        }).ToList();
        return new Board(list, new GetSummary.Levels(Count(RiskLevel.Special), Count(RiskLevel.High), Count(RiskLevel.Medium), Count(RiskLevel.Low)),
            summary?.Value, series);
    }
}
