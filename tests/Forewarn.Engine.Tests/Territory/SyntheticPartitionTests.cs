using CsCheck;
using Forewarn.Engine.Territory;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;

namespace Forewarn.Engine.Tests.Territory;

public class SyntheticPartitionTests
{
    private const double Tolerance = 1e-6;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Stations_and_grids_cut_from_a_real_district_tile_it_and_route_points_to_the_right_grid()
    {
        var districts = ChongqingData.Districts;
        var cases = Gen.Select(Gen.Int[0, districts.Count - 1], Gen.Int[1, 40], Gen.Int);

        cases.Sample((districtIndex, stationCount, seed) =>
        {
            var district = districts[districtIndex];
            var stations = SyntheticPartition.Split(district.Boundary, stationCount, seed);
            AssertTiles(district.Boundary, stations);

            var random = new Random(seed);
            var units = new List<(string Code, UnitLevel Level, Geometry Boundary)> { (district.Code, UnitLevel.District, district.Boundary) };
            for (int s = 0; s < stations.Count; s++)
            {
                string stationCode = $"{district.Code}{s + 1:D3}";
                var grids = SyntheticPartition.Split(stations[s], random.Next(1, 5), seed + s);
                AssertTiles(stations[s], grids);
                units.Add((stationCode, UnitLevel.Station, stations[s]));
                units.AddRange(grids.Select((g, i) => ($"{stationCode}{i + 1:D3}", UnitLevel.Grid, g)));
            }

            var index = new TerritoryIndex(units);
            for (int k = 0; k < 20; k++)
            {
                var (lon, lat) = PointInside(district.Boundary, random);
                var point = Factory.CreatePoint(new Coordinate(lon, lat));
                string? grid = index.Locate(lat, lon);

                Assert.NotNull(grid);
                Assert.Matches($"^{district.Code}[0-9]{{6}}$", grid);
                int station = int.Parse(grid.AsSpan(6, 3)) - 1;
                Assert.True(stations[station].Covers(point), $"grid {grid} is not in the station that contains ({lon}, {lat})");
            }
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void Same_seed_gives_the_same_cells_and_another_seed_does_not()
    {
        var district = ChongqingData.Districts.Single(d => d.Code == "500112");

        var first = SyntheticPartition.Split(district.Boundary, 17, 42);
        var second = SyntheticPartition.Split(district.Boundary, 17, 42);
        var other = SyntheticPartition.Split(district.Boundary, 17, 43);

        Assert.Equal(17, first.Count);
        Assert.All(Enumerable.Range(0, 17), i => Assert.True(first[i].EqualsExact(second[i])));
        Assert.False(Enumerable.Range(0, 17).All(i => first[i].EqualsExact(other[i])));
    }

    [Fact]
    public void One_part_is_the_area_itself()
    {
        var district = ChongqingData.Districts[0];

        var cells = SyntheticPartition.Split(district.Boundary, 1, 7);

        Assert.Same(district.Boundary, Assert.Single(cells));
    }

    [Fact]
    public void Concave_and_multi_part_areas_are_tiled()
    {
        var u = Factory.CreatePolygon(
        [
            new Coordinate(0, 0), new Coordinate(3, 0), new Coordinate(3, 3), new Coordinate(2, 3),
            new Coordinate(2, 1), new Coordinate(1, 1), new Coordinate(1, 3), new Coordinate(0, 3), new Coordinate(0, 0),
        ]);
        var islands = Factory.CreateMultiPolygon(
        [
            (Polygon)Factory.ToGeometry(new Envelope(0, 1, 0, 1)),
            (Polygon)Factory.ToGeometry(new Envelope(5, 5.01, 5, 5.01)),
        ]);

        Gen.Int.Sample(seed =>
        {
            AssertTiles(u, SyntheticPartition.Split(u, 2 + (int)((uint)seed % 9), seed));
            AssertTiles(islands, SyntheticPartition.Split(islands, 2, seed));
        }, iter: 50, threads: 1);
    }

    [Fact]
    public void Zero_parts_or_an_area_without_area_is_rejected()
    {
        var district = ChongqingData.Districts[0];

        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPartition.Split(district.Boundary, 0, 1));
        Assert.Throws<ArgumentException>(() => SyntheticPartition.Split(Factory.CreatePoint(new Coordinate(1, 1)), 2, 1));
        Assert.Throws<ArgumentException>(() => SyntheticPartition.Split(Factory.CreatePolygon(), 2, 1));
    }

    private static void AssertTiles(Geometry area, IReadOnlyList<Geometry> cells)
    {
        Assert.All(cells, c =>
        {
            Assert.IsAssignableFrom<IPolygonal>(c);
            Assert.False(c.IsEmpty);
            Assert.True(c.Area > 0);
        });
        double sum = cells.Sum(c => c.Area);
        double union = OverlayNGRobust.Union(Factory.BuildGeometry(cells)).Area;
        // Areas adding up to the union means no overlap; the union matching the area means full cover.
        Assert.True(Math.Abs(sum - area.Area) <= Tolerance * area.Area, $"cell areas {sum} vs area {area.Area}");
        Assert.True(Math.Abs(union - area.Area) <= Tolerance * area.Area, $"union {union} vs area {area.Area}");
        Assert.True(Math.Abs(sum - union) <= Tolerance * area.Area, $"overlap {sum - union}");
    }

    private static (double Lon, double Lat) PointInside(Geometry area, Random random)
    {
        var envelope = area.EnvelopeInternal;
        while (true)
        {
            double lon = envelope.MinX + (random.NextDouble() * envelope.Width);
            double lat = envelope.MinY + (random.NextDouble() * envelope.Height);
            if (area.Covers(Factory.CreatePoint(new Coordinate(lon, lat))))
            {
                return (lon, lat);
            }
        }
    }
}
