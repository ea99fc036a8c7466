using System.Text.Json;
using Forewarn.Engine;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace Forewarn.Server.Features.Territory;

/// <summary>
/// <c>GET /api/v1/territory/districts.geojson</c> — the district and county boundaries as a GeoJSON feature collection
/// (properties <c>name</c>, <c>adcode</c>), for maps. Boundaries are public geography, so every district is returned.
/// </summary>
public static class GetDistrictMap
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory() } };

    public static async Task<IResult> Handle(AppDbContext db, HttpResponse response, CancellationToken ct)
    {
        var districts = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Level == UnitLevel.District && u.Boundary != null)
            .OrderBy(u => u.Code).Select(u => new { u.Code, u.Name, u.Boundary }).ToListAsync(ct);
        var reader = new WKBReader();
        var collection = new FeatureCollection();
        foreach (var d in districts)
        {
            collection.Add(new Feature(reader.Read(d.Boundary), new AttributesTable { { "name", d.Name }, { "adcode", d.Code } }));
        }
        response.Headers.CacheControl = "private, max-age=3600";
        return Results.Text(JsonSerializer.Serialize(collection, Json), "application/geo+json");
    }
}
