using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Forewarn.Engine.Territory;

/// <summary>
/// Routes a coordinate to the finest territory unit (city, district, station, grid) whose boundary covers it.
/// Immutable once built; safe for concurrent <see cref="Locate"/> calls.
/// </summary>
public sealed class TerritoryIndex
{
    private static readonly GeometryFactory PointFactory = new(new PrecisionModel(), 4326);

    private readonly STRtree<Unit> _tree;

    /// <summary>Builds the index over polygonal units; boundaries are (x = longitude, y = latitude).</summary>
    /// <param name="units">Unit code, level and boundary (Polygon or MultiPolygon). Codes must be unique.</param>
    /// <exception cref="ArgumentException">A code is empty or repeated, or a boundary is not polygonal.</exception>
    public TerritoryIndex(IEnumerable<(string Code, UnitLevel Level, Geometry Boundary)> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _tree = new STRtree<Unit>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, level, boundary) in units)
        {
            if (string.IsNullOrEmpty(code))
            {
                throw new ArgumentException("A unit has an empty code.", nameof(units));
            }

            if (!codes.Add(code))
            {
                throw new ArgumentException($"Unit code {code} appears more than once.", nameof(units));
            }

            if (boundary is not (Polygon or MultiPolygon) || boundary.IsEmpty)
            {
                throw new ArgumentException($"Unit {code} has no polygonal boundary.", nameof(units));
            }

            _tree.Insert(boundary.EnvelopeInternal, new Unit(code, level, PreparedGeometryFactory.Prepare(boundary)));
        }

        // STRtree builds itself lazily on the first query; build now so that reads never mutate it.
        _tree.Build();
        Count = codes.Count;
    }

    /// <summary>How many units the index holds.</summary>
    public int Count { get; }

    /// <summary>
    /// Finds the finest unit (highest <see cref="UnitLevel"/>) whose boundary covers the point. A point on an
    /// edge shared by units of the same level goes to the one with the ordinally smallest code.
    /// </summary>
    /// <param name="lat">Latitude in degrees (y).</param>
    /// <param name="lon">Longitude in degrees (x).</param>
    /// <returns>The unit's code, or null when no unit covers the point.</returns>
    public string? Locate(double lat, double lon)
    {
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || Count == 0)
        {
            return null;
        }

        var coordinate = new Coordinate(lon, lat);
        var candidates = _tree.Query(new Envelope(coordinate));
        Point? point = null;
        Unit? best = null;
        foreach (var unit in candidates)
        {
            if (best is not null
                && (unit.Level < best.Level
                    || (unit.Level == best.Level && string.CompareOrdinal(unit.Code, best.Code) > 0)))
            {
                continue;
            }

            point ??= PointFactory.CreatePoint(coordinate);
            if (unit.Boundary.Covers(point))
            {
                best = unit;
            }
        }

        return best?.Code;
    }

    private sealed record Unit(string Code, UnitLevel Level, IPreparedGeometry Boundary);
}
