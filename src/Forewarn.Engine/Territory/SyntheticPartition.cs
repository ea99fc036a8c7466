using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Triangulate;

namespace Forewarn.Engine.Territory;

/// <summary>
/// Derives synthetic sub-areas (police-station cells inside a real district, grids inside a station) where no public
/// polygons exist: a seeded Voronoi diagram of random points inside the area, each cell clipped to the area.
/// </summary>
public static class SyntheticPartition
{
    /// <summary>Splits <paramref name="area"/> into exactly <paramref name="parts"/> non-empty polygonal cells, the same for the same seed.</summary>
    public static IReadOnlyList<Geometry> Split(Geometry area, int parts, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        if (parts == 1)
        {
            return [area];
        }
        var random = new Random(seed);
        var prepared = PreparedGeometryFactory.Prepare(area);
        var envelope = area.EnvelopeInternal;
        var seeds = new List<Coordinate>(parts);
        var seen = new HashSet<Coordinate>();
        for (var tries = 0; seeds.Count < parts && tries < parts * 10_000; tries++)
        {
            var c = new Coordinate(envelope.MinX + random.NextDouble() * envelope.Width, envelope.MinY + random.NextDouble() * envelope.Height);
            if (prepared.Contains(area.Factory.CreatePoint(c)) && seen.Add(c))
            {
                seeds.Add(c);
            }
        }
        while (seeds.Count < parts)
        {
            // A sliver too thin for random hits: fall back to points along its interior.
            var p = area.InteriorPoint.Coordinate;
            seeds.Add(new Coordinate(p.X + seeds.Count * 1e-7, p.Y));
        }
        var builder = new VoronoiDiagramBuilder { ClipEnvelope = new Envelope(envelope.MinX - 1, envelope.MaxX + 1, envelope.MinY - 1, envelope.MaxY + 1) };
        builder.SetSites(seeds);
        var diagram = builder.GetDiagram(area.Factory);
        var cells = new Geometry[parts];
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = diagram.GetGeometryN(i);
            if (cell.UserData is not Coordinate site)
            {
                continue;
            }
            var index = seeds.FindIndex(s => s.Equals2D(site));
            if (index >= 0 && cells[index] is null)
            {
                cells[index] = Polygonal(cell.Intersection(area));
            }
        }
        for (var i = 0; i < parts; i++)
        {
            // Coincident or degenerate sites: give the cell a tiny area of its own rather than fail.
            if (cells[i] is null || cells[i].IsEmpty)
            {
                cells[i] = area.Factory.CreatePoint(seeds[i]).Buffer(1e-6).Intersection(area);
            }
        }
        return cells;
    }

    private static Geometry Polygonal(Geometry g)
    {
        if (g is Polygon or MultiPolygon)
        {
            return g.IsValid ? g : GeometryFixer.Fix(g);
        }
        var polygons = PolygonExtracter.GetPolygons(g).Cast<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : g.Factory.CreateMultiPolygon(polygons);
    }
}
