using System.Globalization;
using Forewarn.Engine;
using Forewarn.Engine.Territory;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.IO;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// <c>forewarn import streets FILE.csv</c>: one police station per street or town (NBS nine-digit code) and
/// <see cref="TerritoryOptions.GridsPerStation"/> grids inside each. No public street polygons exist, so the
/// station and grid boundaries are a seeded Voronoi partition of the real district, marked synthetic; a real
/// deployment imports its own. Populations are synthetic too, sized so the city totals about 32 million.
/// </summary>
public static class ImportStreets
{
    public sealed record Result(int Stations, int Grids, int SkippedNoDistrict);

    public static async Task<Result> RunAsync(AppDbContext db, TerritoryOptions options, TextReader csv, CancellationToken ct = default)
    {
        var streets = StreetList.Read(csv);
        var districts = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Level == UnitLevel.District).ToListAsync(ct);
        var existing = await db.Units.IgnoreQueryFilters().Where(u => u.Level == UnitLevel.Station || u.Level == UnitLevel.Grid)
            .ToDictionaryAsync(u => u.Code, ct);
        var reader = new WKBReader();
        var writer = new WKBWriter();
        int stations = 0, grids = 0, skipped = 0;

        foreach (var group in streets.GroupBy(s => s.DistrictCode))
        {
            var district = districts.FirstOrDefault(d => d.Code == group.Key);
            if (district?.Boundary is null)
            {
                skipped += group.Count();
                continue;
            }
            var inDistrict = group.OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
            var cells = SyntheticPartition.Split(reader.Read(district.Boundary), inDistrict.Count, Seed(district.Code));
            for (var i = 0; i < inDistrict.Count; i++)
            {
                var street = inDistrict[i];
                var random = new Random(Seed(street.Code));
                var stationPath = Unit.PathOf(district.UnitPath, street.Code);
                var population = random.Next(15_000, 47_000);
                Upsert(street.Code, StationName(street.Name), UnitLevel.Station, district.Code, stationPath, street.Name, cells[i], population);
                stations++;

                var gridCells = SyntheticPartition.Split(cells[i], options.GridsPerStation, Seed(street.Code) ^ 0x5bd1e995);
                for (var g = 0; g < gridCells.Count; g++)
                {
                    var code = street.Code + (g + 1).ToString("D3", CultureInfo.InvariantCulture);
                    Upsert(code, $"{street.Name}第{g + 1}网格", UnitLevel.Grid, street.Code, Unit.PathOf(stationPath, code), null, gridCells[g],
                        population / gridCells.Count);
                    grids++;
                }
            }
        }
        await db.SaveChangesAsync(ct);

        // District and city populations are the sums of what lies below them.
        var sums = await db.Units.IgnoreQueryFilters().Where(u => u.Level == UnitLevel.Station)
            .GroupBy(u => u.ParentCode).Select(g => new { Code = g.Key, Population = g.Sum(u => u.Population) }).ToListAsync(ct);
        var upper = await db.Units.IgnoreQueryFilters().Where(u => u.Level == UnitLevel.District || u.Level == UnitLevel.City).ToListAsync(ct);
        foreach (var unit in upper.Where(u => u.Level == UnitLevel.District))
        {
            unit.Population = sums.FirstOrDefault(s => s.Code == unit.Code)?.Population ?? 0;
        }
        foreach (var city in upper.Where(u => u.Level == UnitLevel.City))
        {
            city.Population = upper.Where(u => u.Level == UnitLevel.District).Sum(u => u.Population);
        }
        await db.SaveChangesAsync(ct);
        return new Result(stations, grids, skipped);

        void Upsert(string code, string name, UnitLevel level, string parent, string path, string? streetName,
            NetTopologySuite.Geometries.Geometry boundary, int population)
        {
            if (!existing.TryGetValue(code, out var unit))
            {
                unit = new Unit { Code = code, Name = name, UnitPath = path };
                db.Units.Add(unit);
            }
            var interior = boundary.InteriorPoint;
            unit.Name = name;
            unit.Level = level;
            unit.ParentCode = parent;
            unit.UnitPath = path;
            unit.StreetName = streetName;
            unit.Boundary = writer.Write(boundary);
            unit.SyntheticBoundary = true;
            unit.CenterLat = interior.Y;
            unit.CenterLon = interior.X;
            unit.Population = population;
        }
    }

    /// <summary>龙溪街道 → 龙溪派出所; 玉峰山镇 → 玉峰山派出所.</summary>
    public static string StationName(string street)
    {
        foreach (var suffix in new[] { "街道办事处", "街道", "镇", "乡" })
        {
            if (street.EndsWith(suffix, StringComparison.Ordinal) && street.Length > suffix.Length)
            {
                return street[..^suffix.Length] + "派出所";
            }
        }
        return street + "派出所";
    }

    private static int Seed(string code) => (int)(long.Parse(code, CultureInfo.InvariantCulture) % int.MaxValue);
}
