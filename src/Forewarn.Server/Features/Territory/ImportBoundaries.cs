using Forewarn.Engine;
using Forewarn.Engine.Territory;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Union;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// <c>forewarn import territory FILE.geojson</c>: the city and its districts and counties from a GeoJSON
/// FeatureCollection (<c>adcode</c>, <c>name</c>, polygon geometry). Existing units are updated in place.
/// </summary>
public static class ImportBoundaries
{
    public sealed record Result(int Added, int Updated);

    public static async Task<Result> RunAsync(AppDbContext db, TerritoryOptions options, Stream geoJson, CancellationToken ct = default)
    {
        var districts = BoundaryFile.Read(geoJson);
        var existing = await db.Units.IgnoreQueryFilters().Where(u => u.Level == UnitLevel.City || u.Level == UnitLevel.District)
            .ToDictionaryAsync(u => u.Code, ct);
        var writer = new WKBWriter();
        int added = 0, updated = 0;

        var cityPath = Unit.PathOf(null, options.CityCode);
        var cityBoundary = UnaryUnionOp.Union(districts.Select(d => d.Boundary).ToList());
        Upsert(options.CityCode, options.CityName, UnitLevel.City, null, cityPath, cityBoundary, null);
        foreach (var district in districts)
        {
            Upsert(district.Code, district.Name, UnitLevel.District, options.CityCode, Unit.PathOf(cityPath, district.Code), district.Boundary,
                (district.CenterLat, district.CenterLon));
        }
        await db.SaveChangesAsync(ct);
        return new Result(added, updated);

        void Upsert(string code, string name, UnitLevel level, string? parent, string path, Geometry boundary, (double Lat, double Lon)? center)
        {
            if (!existing.TryGetValue(code, out var unit))
            {
                unit = new Unit { Code = code, Name = name, UnitPath = path };
                db.Units.Add(unit);
                added++;
            }
            else
            {
                updated++;
            }
            var interior = boundary.InteriorPoint;
            unit.Name = name;
            unit.Level = level;
            unit.ParentCode = parent;
            unit.UnitPath = path;
            unit.Boundary = writer.Write(boundary);
            unit.SyntheticBoundary = false;
            unit.CenterLat = center?.Lat ?? interior.Y;
            unit.CenterLon = center?.Lon ?? interior.X;
        }
    }
}
