using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Triangulate;

namespace Forewarn.Engine.Territory;

/// <summary>
/// Cuts an area into Voronoi cells around random seed points. No public polygons exist for police-station
/// areas or grids, so the demo derives <em>synthetic</em> station cells inside each real district and grid
/// cells inside each station this way.
/// </summary>
public static class SyntheticPartition
{
    private const int MaxDrawsPerPart = 100_000;

    /// <summary>
    /// Splits <paramref name="area"/> into <paramref name="parts"/> polygonal cells: seeds are drawn uniformly
    /// inside the area (rejection sampling in its envelope), each seed's Voronoi cell is clipped to the area.
    /// The cells cover the area, do not overlap and come in the seeds' order. The same area, part count and
    /// seed always give the same cells.
    /// </summary>
    /// <param name="area">A non-empty polygon or multipolygon.</param>
    /// <param name="parts">How many cells, at least 1; 1 returns <paramref name="area"/> itself.</param>
    /// <param name="seed">Seed of the pseudo-random generator.</param>
    /// <returns>Exactly <paramref name="parts"/> non-empty Polygon or MultiPolygon cells.</returns>
    public static IReadOnlyList<Geometry> Split(Geometry area, int parts, int seed)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        if (area is not (Polygon or MultiPolygon) || area.IsEmpty || area.Area <= 0)
        {
            throw new ArgumentException("The area must be a non-empty Polygon or MultiPolygon.", nameof(area));
        }

        if (parts == 1)
        {
            return [area];
        }

        var seeds = DrawSeeds(area, parts, seed);
        var cells = VoronoiCells(area, seeds);
        var result = new Geometry[parts];
        for (int i = 0; i < parts; i++)
        {
            var clipped = Polygonal(OverlayNGRobust.Overlay(cells[i], area, SpatialFunction.Intersection), area.Factory);
            if (clipped.IsEmpty)
            {
                // Cannot happen for a seed strictly inside the area; guard so callers never get an empty unit.
                throw new InvalidOperationException($"Cell {i} of the partition is empty.");
            }

            result[i] = clipped;
        }

        return result;
    }

    private static Coordinate[] DrawSeeds(Geometry area, int parts, int seed)
    {
        var prepared = PreparedGeometryFactory.Prepare(area);
        var envelope = area.EnvelopeInternal;
        var random = new Random(seed);
        var seeds = new Coordinate[parts];
        var taken = new HashSet<(double, double)>();
        long draws = 0;
        long maxDraws = (long)parts * MaxDrawsPerPart;
        int count = 0;
        while (count < parts)
        {
            if (++draws > maxDraws)
            {
                throw new ArgumentException($"Could not place {parts} seeds inside the area after {maxDraws} draws.", nameof(area));
            }

            double x = envelope.MinX + (random.NextDouble() * envelope.Width);
            double y = envelope.MinY + (random.NextDouble() * envelope.Height);
            var point = area.Factory.CreatePoint(new Coordinate(x, y));
            // Strictly inside, so that every seed's clipped cell has an area.
            if (prepared.ContainsProperly(point) && taken.Add((x, y)))
            {
                seeds[count++] = new Coordinate(x, y);
            }
        }

        return seeds;
    }

    private static Geometry[] VoronoiCells(Geometry area, Coordinate[] seeds)
    {
        // Four far-away helper sites make every real cell a bounded polygon that does not depend on the
        // triangulation's frame: any point of the area is closer to a real seed (at most one envelope
        // diameter away) than to a helper (over four diameters away), so real cells still cover the area.
        var envelope = new Envelope(area.EnvelopeInternal);
        double reach = 4 * Math.Max(envelope.Diameter, 1e-9);
        var frame = new Envelope(envelope);
        frame.ExpandBy(reach);
        var sites = new List<Coordinate>(seeds.Length + 4);
        sites.AddRange(seeds);
        sites.Add(new Coordinate(frame.MinX, frame.MinY));
        sites.Add(new Coordinate(frame.MaxX, frame.MinY));
        sites.Add(new Coordinate(frame.MaxX, frame.MaxY));
        sites.Add(new Coordinate(frame.MinX, frame.MaxY));

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(sites);
        // The raw cells, not GetDiagram's: that clips with the legacy overlay, which fails on some inputs.
        var bySite = new Dictionary<(double, double), Geometry>(sites.Count);
        foreach (var cell in builder.GetSubdivision().GetVoronoiCellPolygons(area.Factory))
        {
            if (cell.UserData is Coordinate site)
            {
                bySite[(site.X, site.Y)] = cell;
            }
        }

        var cells = new Geometry[seeds.Length];
        for (int i = 0; i < seeds.Length; i++)
        {
            if (!bySite.TryGetValue((seeds[i].X, seeds[i].Y), out var cell))
            {
                throw new InvalidOperationException($"The Voronoi diagram has no cell for seed {i}.");
            }

            cells[i] = cell;
        }

        return cells;
    }

    private static Geometry Polygonal(Geometry geometry, GeometryFactory factory)
    {
        if (geometry is Polygon or MultiPolygon)
        {
            return geometry;
        }

        var polygons = PolygonExtracter.GetPolygons(geometry).Cast<Polygon>().ToArray();
        return polygons.Length == 1 ? polygons[0] : factory.CreateMultiPolygon(polygons);
    }
}
