using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO.Converters;

namespace Forewarn.Engine.Territory;

/// <summary>Reads district boundaries from a GeoJSON FeatureCollection (the DataV / GB/T 2260 layout).</summary>
public static class BoundaryFile
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions GeometryOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(Factory) },
    };

    /// <summary>
    /// Reads every feature of a FeatureCollection. Each feature needs an <c>adcode</c> (number or digit
    /// string), a <c>name</c> and a Polygon or MultiPolygon geometry in lon/lat order; <c>center</c> and
    /// <c>centroid</c> ([lon, lat]) are optional and default to the geometry's interior point.
    /// Invalid geometries (self-intersections, bad ring order) are repaired.
    /// </summary>
    /// <param name="geoJson">The UTF-8 GeoJSON document; it is not disposed.</param>
    /// <returns>The districts in file order.</returns>
    /// <exception cref="InvalidDataException">The document is not a usable FeatureCollection.</exception>
    public static IReadOnlyList<DistrictFeature> Read(Stream geoJson)
    {
        ArgumentNullException.ThrowIfNull(geoJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Boundary file is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("features", out var features)
                || features.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("Boundary file is not a GeoJSON FeatureCollection: no \"features\" array.");
            }

            if (features.GetArrayLength() == 0)
            {
                throw new InvalidDataException("Boundary file has no features.");
            }

            var districts = new List<DistrictFeature>(features.GetArrayLength());
            var codes = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var district = ReadFeature(feature, index);
                if (!codes.Add(district.Code))
                {
                    throw new InvalidDataException($"Feature #{index}: adcode {district.Code} appears more than once.");
                }

                districts.Add(district);
                index++;
            }

            return districts;
        }
    }

    private static DistrictFeature ReadFeature(JsonElement feature, int index)
    {
        if (feature.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Feature #{index} is not an object.");
        }

        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Feature #{index} has no properties (needs adcode and name).");
        }

        string code = ReadCode(properties, index);
        if (!properties.TryGetProperty("name", out var nameElement)
            || nameElement.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(nameElement.GetString()))
        {
            throw new InvalidDataException($"Feature #{index} (adcode {code}) has no name.");
        }

        string name = nameElement.GetString()!.Trim();
        var boundary = ReadBoundary(feature, index, code);
        var interior = boundary.InteriorPoint;
        var (centerLon, centerLat) = ReadPoint(properties, "center", index, code) ?? (interior.X, interior.Y);
        var (centroidLon, centroidLat) = ReadPoint(properties, "centroid", index, code) ?? (interior.X, interior.Y);
        return new DistrictFeature(code, name, centerLon, centerLat, centroidLon, centroidLat, boundary);
    }

    private static string ReadCode(JsonElement properties, int index)
    {
        if (!properties.TryGetProperty("adcode", out var adcode))
        {
            throw new InvalidDataException($"Feature #{index} has no adcode.");
        }

        string? code = adcode.ValueKind switch
        {
            JsonValueKind.Number when adcode.TryGetInt64(out long n) && n > 0 => n.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String => adcode.GetString()?.Trim(),
            _ => null,
        };
        if (string.IsNullOrEmpty(code) || !code.All(char.IsAsciiDigit))
        {
            throw new InvalidDataException($"Feature #{index} has an adcode that is not a positive integer: {adcode.GetRawText()}.");
        }

        return code;
    }

    private static Geometry ReadBoundary(JsonElement feature, int index, string code)
    {
        if (!feature.TryGetProperty("geometry", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Feature #{index} (adcode {code}) has no geometry.");
        }

        Geometry? geometry;
        try
        {
            geometry = element.Deserialize<Geometry>(GeometryOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new InvalidDataException($"Feature #{index} (adcode {code}) has an unreadable geometry: {e.Message}", e);
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            string type = geometry?.GeometryType ?? "null";
            throw new InvalidDataException($"Feature #{index} (adcode {code}) has a {type} geometry; expected Polygon or MultiPolygon.");
        }

        if (!geometry.IsValid)
        {
            geometry = Polygonal(GeometryFixer.Fix(geometry));
        }

        if (geometry.IsEmpty || geometry.Area <= 0)
        {
            throw new InvalidDataException($"Feature #{index} (adcode {code}) has an empty geometry.");
        }

        return geometry;
    }

    // GeometryFixer may return a collection holding collapsed lines or points beside the polygons.
    private static Geometry Polygonal(Geometry geometry)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : Factory.CreateMultiPolygon(polygons);
    }

    private static (double Lon, double Lat)? ReadPoint(JsonElement properties, string name, int index, string code)
    {
        if (!properties.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.Array
            && element.GetArrayLength() >= 2
            && element[0].ValueKind == JsonValueKind.Number
            && element[1].ValueKind == JsonValueKind.Number
            && element[0].TryGetDouble(out double lon)
            && element[1].TryGetDouble(out double lat)
            && double.IsFinite(lon) && double.IsFinite(lat))
        {
            return (lon, lat);
        }

        throw new InvalidDataException($"Feature #{index} (adcode {code}) has a malformed {name}; expected [lon, lat].");
    }
}
