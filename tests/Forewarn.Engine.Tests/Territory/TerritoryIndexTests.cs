using CsCheck;
using Forewarn.Engine.Territory;
using NetTopologySuite.Geometries;

namespace Forewarn.Engine.Tests.Territory;

public class TerritoryIndexTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Every_district_center_resolves_to_its_district()
    {
        Assert.All(ChongqingData.Districts, d =>
            Assert.Equal(d.Code, ChongqingData.DistrictIndex.Locate(d.CenterLat, d.CenterLon)));
    }

    [Fact]
    public void Every_district_centroid_lies_inside_and_resolves_to_its_district()
    {
        // Checked on the real file: all 38 centroids lie inside their own (simplified) polygons, including
        // those of the long, concave counties. If new data moves one outside, this test names it.
        var outside = ChongqingData.Districts
            .Where(d => !d.Boundary.Covers(Factory.CreatePoint(new Coordinate(d.CentroidLon, d.CentroidLat))))
            .Select(d => $"{d.Code} {d.Name}");
        Assert.Empty(outside);

        Assert.All(ChongqingData.Districts, d =>
            Assert.Equal(d.Code, ChongqingData.DistrictIndex.Locate(d.CentroidLat, d.CentroidLon)));
    }

    [Fact]
    public void Random_points_inside_a_district_resolve_to_that_district()
    {
        var districts = ChongqingData.Districts;
        var pointInDistrict = Gen.Int[0, districts.Count - 1]
            .SelectMany(i =>
            {
                var envelope = districts[i].Boundary.EnvelopeInternal;
                return Gen.Select(Gen.Double[envelope.MinX, envelope.MaxX], Gen.Double[envelope.MinY, envelope.MaxY], (lon, lat) => (i, lon, lat));
            })
            .Where(p => districts[p.i].Boundary.Covers(Factory.CreatePoint(new Coordinate(p.lon, p.lat))));

        pointInDistrict.Sample(p =>
            Assert.Equal(districts[p.i].Code, ChongqingData.DistrictIndex.Locate(p.lat, p.lon)));
    }

    [Fact]
    public void Points_far_outside_Chongqing_resolve_to_nothing()
    {
        Assert.Null(ChongqingData.DistrictIndex.Locate(39.9, 116.4));

        Gen.Select(Gen.Double[35.0, 45.0], Gen.Double[112.0, 125.0])
            .Sample((lat, lon) => Assert.Null(ChongqingData.DistrictIndex.Locate(lat, lon)));
    }

    [Fact]
    public void Swapped_coordinates_do_not_resolve()
    {
        var yubei = ChongqingData.Districts.Single(d => d.Code == "500112");

        Assert.Equal("500112", ChongqingData.DistrictIndex.Locate(yubei.CenterLat, yubei.CenterLon));
        Assert.Null(ChongqingData.DistrictIndex.Locate(yubei.CenterLon, yubei.CenterLat));
    }

    [Fact]
    public void Finest_level_wins_and_a_shared_edge_goes_to_the_smaller_code()
    {
        var index = new TerritoryIndex(
        [
            ("500000", UnitLevel.City, Square(0, 0, 4)),
            ("500102", UnitLevel.District, Square(2, 0, 2)),
            ("500101", UnitLevel.District, Square(0, 0, 2)),
            ("500101001", UnitLevel.Station, Square(0, 0, 1)),
        ]);

        Assert.Equal(4, index.Count);
        Assert.Equal("500101001", index.Locate(0.5, 0.5));
        Assert.Equal("500101", index.Locate(0.5, 1.5));
        Assert.Equal("500102", index.Locate(0.5, 2.5));
        Assert.Equal("500101", index.Locate(1.0, 2.0));
        Assert.Equal("500000", index.Locate(3.0, 3.0));
        Assert.Equal("500000", index.Locate(4.0, 4.0));
        Assert.Null(index.Locate(4.1, 1.0));
        Assert.Null(index.Locate(double.NaN, 1.0));
    }

    [Fact]
    public void Empty_index_locates_nothing()
    {
        var index = new TerritoryIndex([]);

        Assert.Equal(0, index.Count);
        Assert.Null(index.Locate(29.5, 106.5));
    }

    [Fact]
    public void Duplicate_codes_and_non_polygonal_boundaries_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new TerritoryIndex(
            [("500101", UnitLevel.District, Square(0, 0, 1)), ("500101", UnitLevel.District, Square(1, 0, 1))]));
        Assert.Throws<ArgumentException>(() => new TerritoryIndex(
            [("500101", UnitLevel.District, Factory.CreatePoint(new Coordinate(1, 1)))]));
    }

    [Fact]
    public void Concurrent_reads_agree_with_sequential_reads()
    {
        var districts = ChongqingData.Districts;
        var index = new TerritoryIndex(districts.Select(d => (d.Code, UnitLevel.District, d.Boundary)));
        var expected = districts.Select(d => d.Code).ToArray();
        var results = new string?[districts.Count * 50];

        Parallel.For(0, results.Length, i =>
        {
            var d = districts[i % districts.Count];
            results[i] = index.Locate(d.CenterLat, d.CenterLon);
        });

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % districts.Count], results[i]));
    }

    private static Polygon Square(double x, double y, double size) =>
        Factory.CreatePolygon(
        [
            new Coordinate(x, y), new Coordinate(x + size, y), new Coordinate(x + size, y + size),
            new Coordinate(x, y + size), new Coordinate(x, y),
        ]);
}
