using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Forewarn.Server.Features.Stats;

/// <summary>The period and unit filter shared by the statistics endpoints (from inclusive, to exclusive; dates are China-time days).</summary>
public static class StatsQuery
{
    public static async Task<(IQueryable<Warning>? Query, UnitInfo? Unit, DateTime From, DateTime To, ProblemHttpResult? Problem)> ParseAsync(
        AppDbContext db, TerritoryResolver territory, string? from, string? to, string? unit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var start = now.AddDays(-30);
        var end = now.AddSeconds(1);
        if (from is not null && !TryTime(from, false, out start))
        {
            return (null, null, default, default, Problems.BadRequest($"无法解析的时间：{from}", $"Unparsable time '{from}'"));
        }
        if (to is not null && !TryTime(to, true, out end))
        {
            return (null, null, default, default, Problems.BadRequest($"无法解析的时间：{to}", $"Unparsable time '{to}'"));
        }
        var query = db.Warnings.AsQueryable();
        UnitInfo? scope = null;
        if (unit is not null)
        {
            var map = await territory.GetMapAsync(ct);
            if (map.Find(unit) is not { } u)
            {
                return (null, null, default, default, Problems.BadRequest($"未知的单位：{unit}", $"Unknown unit {unit}"));
            }
            scope = u;
            query = query.Where(w => w.UnitPath.StartsWith(u.UnitPath));
        }
        return (query, scope, start, end, null);
    }

    /// <summary>ISO 8601, or a plain date taken as a China-time day: from its start, or (for an end) to the end of it.</summary>
    public static bool TryTime(string text, bool endOfDay, out DateTime utc)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", out var day))
        {
            utc = DateTime.SpecifyKind(day.AddDays(endOfDay ? 1 : 0).ToDateTime(TimeOnly.MinValue) - TimeSpan.FromHours(8), DateTimeKind.Utc);
            return true;
        }
        return SignalValidation.TryParseTime(text, out utc);
    }
}
