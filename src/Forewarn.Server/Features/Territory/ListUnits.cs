using Forewarn.Engine;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Territory;

/// <summary><c>GET /api/v1/units?parent=CODE&amp;level=district|station|grid</c> — the caller's part of the unit tree.</summary>
public static class ListUnits
{
    public sealed record Item(string Code, string Name, string Level, string? Parent);

    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> Handle(AppDbContext db, string? parent, string? level, CancellationToken ct)
    {
        var query = db.Units.AsNoTracking();
        if (!string.IsNullOrEmpty(parent))
        {
            query = query.Where(u => u.ParentCode == parent);
        }
        if (!string.IsNullOrEmpty(level))
        {
            if (!Enum.TryParse<UnitLevel>(level, ignoreCase: true, out var wanted) || !Enum.IsDefined(wanted))
            {
                return Problems.BadRequest($"未知的单位层级：{level}（可用 city、district、station、grid）",
                    $"Unknown unit level '{level}' (use city, district, station or grid)");
            }
            query = query.Where(u => u.Level == wanted);
        }
        var units = await query.OrderBy(u => u.Code)
            .Select(u => new { u.Code, u.Name, u.Level, u.ParentCode })
            .ToListAsync(ct);
        return TypedResults.Ok(units.Select(u => new Item(u.Code, u.Name, Wire(u.Level), u.ParentCode)).ToList());
    }

    public static string Wire(UnitLevel level) => level.ToString().ToLowerInvariant();
}
