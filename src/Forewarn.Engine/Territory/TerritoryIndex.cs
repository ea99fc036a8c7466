using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Forewarn.Engine.Territory;

/// <summary>
/// Point → finest unit, in memory: an STR-tree of prepared boundaries. Built once and then only read, so it is safe
/// to share between threads; the owner swaps in a new index when the territory changes.
/// </summary>
public sealed class TerritoryIndex
{
    private readonly STRtree<Entry> _tree = new();
    private readonly GeometryFactory _factory = new();

    private sealed record Entry(string Code, UnitLevel Level, IPreparedGeometry Boundary);

    public TerritoryIndex(IEnumerable<(string Code, UnitLevel Level, Geometry Boundary)> units)
    {
        foreach (var (code, level, boundary) in units)
        {
            _tree.Insert(boundary.EnvelopeInternal, new Entry(code, level, PreparedGeometryFactory.Prepare(boundary)));
            Count++;
        }
        _tree.Build();
    }

    /// <summary>How many units are indexed.</summary>
    public int Count { get; }

    /// <summary>The code of the finest unit whose boundary covers the point, or null when none does. Ties go to the lowest code.</summary>
    public string? Locate(double lat, double lon)
    {
        var point = _factory.CreatePoint(new Coordinate(lon, lat));
        Entry? best = null;
        foreach (var entry in _tree.Query(point.EnvelopeInternal))
        {
            if ((best is null || entry.Level > best.Level || entry.Level == best.Level && string.CompareOrdinal(entry.Code, best.Code) < 0)
                && entry.Boundary.Covers(point))
            {
                best = entry;
            }
        }
        return best?.Code;
    }
}
