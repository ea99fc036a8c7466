using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;

namespace Forewarn.Engine.Territory;

/// <summary>Reads district boundaries from a GeoJSON FeatureCollection (properties <c>adcode</c>, <c>name</c>, optional <c>center</c>, <c>centroid</c>).</summary>
public static class BoundaryFile
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new GeoJsonConverterFactory() } };

    /// <exception cref="InvalidDataException">The file is not a FeatureCollection of polygonal features with codes.</exception>
    public static IReadOnlyList<DistrictFeature> Read(Stream geoJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The boundary file is not valid JSON: " + e.Message, e);
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
            {
                throw new InvalidDataException("The boundary file has no features (expected a GeoJSON FeatureCollection).");
            }
            var result = new List<DistrictFeature>();
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                index++;
                if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("adcode", out var adcode))
                {
                    throw new InvalidDataException($"Feature {index} has no adcode property.");
                }
                var code = adcode.ValueKind == JsonValueKind.Number ? adcode.GetInt64().ToString(CultureInfo.InvariantCulture) : adcode.GetString() ?? "";
                if (code.Length != 6 || !code.All(char.IsAsciiDigit))
                {
                    throw new InvalidDataException($"Feature {index} has adcode '{code}', not a six-digit code.");
                }
                var name = properties.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : code;
                if (!feature.TryGetProperty("geometry", out var geometryJson) || geometryJson.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"Feature {index} ({code}) has no geometry.");
                }
                Geometry geometry;
                try
                {
                    geometry = geometryJson.Deserialize<Geometry>(Options) ?? throw new InvalidDataException($"Feature {index} ({code}) has an empty geometry.");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"Feature {index} ({code}) has an unreadable geometry: {e.Message}", e);
                }
                if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
                {
                    throw new InvalidDataException($"Feature {index} ({code}) is a {geometry.GeometryType}, not a polygon.");
                }
                if (!geometry.IsValid)
                {
                    geometry = GeometryFixer.Fix(geometry);
                }
                var interior = geometry.InteriorPoint;
                var (centerLon, centerLat) = Point(properties, "center") ?? (interior.X, interior.Y);
                var (centroidLon, centroidLat) = Point(properties, "centroid") ?? (geometry.Centroid.X, geometry.Centroid.Y);
                result.Add(new DistrictFeature(code, name, centerLon, centerLat, centroidLon, centroidLat, geometry));
            }
            return result;
        }
    }

    private static (double, double)? Point(JsonElement properties, string name) =>
        properties.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() >= 2
            && p[0].ValueKind == JsonValueKind.Number && p[1].ValueKind == JsonValueKind.Number
            ? (p[0].GetDouble(), p[1].GetDouble())
            : null;
}
