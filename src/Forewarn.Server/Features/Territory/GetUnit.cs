using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Territory;

/// <summary><c>GET /api/v1/units/{code}</c> — one unit of the caller's territory, with its path and population.</summary>
public static class GetUnit
{
    public sealed record Response(string Code, string Name, string Level, string? Parent, IReadOnlyList<string> Path, string? StreetName,
        int Population, double? Lat, double? Lon, bool SyntheticBoundary);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(string code, AppDbContext db, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
            .Select(u => new { u.Code, u.Name, u.Level, u.ParentCode, u.UnitPath, u.StreetName, u.Population, u.CenterLat, u.CenterLon, u.SyntheticBoundary })
            .FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return Problems.NotFound();
        }
        return TypedResults.Ok(new Response(unit.Code, unit.Name, ListUnits.Wire(unit.Level), unit.ParentCode,
            unit.UnitPath.Split('/', StringSplitOptions.RemoveEmptyEntries), unit.StreetName, unit.Population, unit.CenterLat, unit.CenterLon,
            unit.SyntheticBoundary));
    }
}
