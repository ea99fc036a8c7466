using CsCheck;
using Forewarn.Engine.Territory;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Union;

namespace Forewarn.Engine.Tests.Territory;

public sealed class TerritoryIndexTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing");

    private static readonly Lazy<IReadOnlyList<DistrictFeature>> Districts = new(() =>
    {
        using var file = File.OpenRead(Path.Combine(Folder, "districts.geojson"));
        return BoundaryFile.Read(file);
    });

    private static readonly Lazy<TerritoryIndex> DistrictIndex = new(() => new TerritoryIndex(Districts.Value.Select(d => (d.Code, UnitLevel.District, d.Boundary))));

    [Fact]
    public void The_real_file_holds_38_valid_districts_of_chongqing()
    {
        Assert.Equal(38, Districts.Value.Count);
        Assert.All(Districts.Value, d =>
        {
            Assert.Matches("^50\\d{4}$", d.Code);
            Assert.True(d.Boundary.IsValid);
            Assert.True(d.Boundary is Polygon or MultiPolygon);
        });
        Assert.Contains(Districts.Value, d => d.Code == "500112" && d.Name == "渝北区");
    }

    [Fact]
    public void Every_district_centre_resolves_to_its_district()
    {
        Assert.All(Districts.Value, d => Assert.Equal(d.Code, DistrictIndex.Value.Locate(d.CenterLat, d.CenterLon)));
    }

    [Fact]
    public void Every_district_centroid_inside_its_own_boundary_resolves_to_it()
    {
        var inside = Districts.Value.Where(d => d.Boundary.Covers(new Point(d.CentroidLon, d.CentroidLat))).ToList();
        Assert.True(inside.Count >= 30, $"only {inside.Count} centroids lie inside their district");
        Assert.All(inside, d => Assert.Equal(d.Code, DistrictIndex.Value.Locate(d.CentroidLat, d.CentroidLon)));
    }

    [Fact]
    public void Random_points_inside_a_district_resolve_to_it()
    {
        var prepared = Districts.Value.Select(d => (d, PreparedGeometryFactory.Prepare(d.Boundary))).ToList();
        Gen.Select(Gen.Int[0, prepared.Count - 1], Gen.Double[0, 1], Gen.Double[0, 1]).Sample((i, x, y) =>
        {
            var (district, boundary) = prepared[i];
            var e = district.Boundary.EnvelopeInternal;
            var point = new Point(e.MinX + x * e.Width, e.MinY + y * e.Height);
            if (boundary.ContainsProperly(point))
            {
                Assert.Equal(district.Code, DistrictIndex.Value.Locate(point.Y, point.X));
            }
        }, iter: 3000);
    }

    [Theory]
    [InlineData(39.9042, 116.4074)]
    [InlineData(30.5728, 104.0668)]
    [InlineData(0, 0)]
    public void Points_outside_the_city_resolve_to_nothing(double lat, double lon)
    {
        Assert.Null(DistrictIndex.Value.Locate(lat, lon));
    }

    [Fact]
    public void Synthetic_cells_cover_a_real_district_without_overlap_and_the_finest_unit_wins()
    {
        var district = Districts.Value.Single(d => d.Code == "500112");
        Gen.Int[1, 40].Sample(parts =>
        {
            var cells = SyntheticPartition.Split(district.Boundary, parts, seed: parts);
            Assert.Equal(parts, cells.Count);
            Assert.All(cells, c => Assert.False(c.IsEmpty));
            Assert.Equal(district.Boundary.Area, cells.Sum(c => c.Area), district.Boundary.Area * 1e-6);
            Assert.Equal(district.Boundary.Area, UnaryUnionOp.Union(cells).Area, district.Boundary.Area * 1e-6);
        }, iter: 15);

        var stations = SyntheticPartition.Split(district.Boundary, 12, seed: 7);
        var grids = stations.SelectMany((s, i) => SyntheticPartition.Split(s, 3, seed: i).Select((g, j) => ($"{i:D2}{j}", g, i))).ToList();
        var index = new TerritoryIndex([(district.Code, UnitLevel.District, district.Boundary),
            .. stations.Select((s, i) => ($"s{i:D2}", UnitLevel.Station, s)), .. grids.Select(g => ($"g{g.Item1}", UnitLevel.Grid, g.g))]);
        var probe = stations[5].InteriorPoint;
        var found = index.Locate(probe.Y, probe.X);
        Assert.NotNull(found);
        Assert.StartsWith("g05", found);
    }

    [Fact]
    public void The_same_seed_gives_the_same_cells()
    {
        var district = Districts.Value.Single(d => d.Code == "500103");
        var a = SyntheticPartition.Split(district.Boundary, 11, seed: 42);
        var b = SyntheticPartition.Split(district.Boundary, 11, seed: 42);
        Assert.Equal(a.Select(g => g.ToText()), b.Select(g => g.ToText()));
    }

    [Fact]
    public void A_file_that_is_not_a_feature_collection_is_refused_clearly()
    {
        using var empty = new MemoryStream("{\"type\":\"FeatureCollection\",\"features\":[]}"u8.ToArray());
        using var point = new MemoryStream("""{"features":[{"properties":{"adcode":500101},"geometry":{"type":"Point","coordinates":[106,29]}}]}"""u8.ToArray());
        using var noCode = new MemoryStream("""{"features":[{"properties":{},"geometry":null}]}"""u8.ToArray());
        Assert.Throws<InvalidDataException>(() => BoundaryFile.Read(empty));
        Assert.Contains("not a polygon", Assert.Throws<InvalidDataException>(() => BoundaryFile.Read(point)).Message);
        Assert.Contains("adcode", Assert.Throws<InvalidDataException>(() => BoundaryFile.Read(noCode)).Message);
    }
}
