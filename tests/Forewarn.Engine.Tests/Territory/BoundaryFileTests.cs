using System.Text;
using Forewarn.Engine.Territory;
using NetTopologySuite.Geometries;

namespace Forewarn.Engine.Tests.Territory;

public class BoundaryFileTests
{
    [Fact]
    public void Real_Chongqing_file_has_38_valid_districts_with_codes_starting_50()
    {
        var districts = ChongqingData.Districts;

        Assert.Equal(38, districts.Count);
        Assert.Equal(38, districts.Select(d => d.Code).Distinct().Count());
        Assert.All(districts, d =>
        {
            Assert.Matches("^50[0-9]{4}$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Name));
            Assert.IsAssignableFrom<IPolygonal>(d.Boundary);
            Assert.True(d.Boundary.IsValid, $"{d.Code} {d.Name} is not valid");
            Assert.True(d.Boundary.Area > 0);
        });
        var yubei = Assert.Single(districts, d => d.Code == "500112");
        Assert.Equal("渝北区", yubei.Name);
    }

    [Fact]
    public void String_adcode_and_missing_center_fall_back_to_the_interior_point()
    {
        var district = Assert.Single(Read("""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "properties":{"adcode":"500103","name":"渝中区"},
              "geometry":{"type":"Polygon","coordinates":[[[106,29],[107,29],[107,30],[106,30],[106,29]]]}}]}
            """));

        Assert.Equal("500103", district.Code);
        Assert.Equal("渝中区", district.Name);
        Assert.IsType<Polygon>(district.Boundary);
        var interior = district.Boundary.InteriorPoint;
        Assert.Equal((interior.X, interior.Y), (district.CenterLon, district.CenterLat));
        Assert.Equal((interior.X, interior.Y), (district.CentroidLon, district.CentroidLat));
    }

    [Fact]
    public void Self_intersecting_polygon_is_made_valid()
    {
        var district = Assert.Single(Read("""
            {"type":"FeatureCollection","features":[{"type":"Feature",
              "properties":{"adcode":500104,"name":"bow tie","center":[106.25,29.5]},
              "geometry":{"type":"Polygon","coordinates":[[[106,29],[107,30],[107,29],[106,30],[106,29]]]}}]}
            """));

        Assert.True(district.Boundary.IsValid);
        Assert.Equal(0.5, district.Boundary.Area, 9);
        Assert.Equal(106.25, district.CenterLon);
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[]}""", "no features")]
    [InlineData("""{"type":"Feature"}""", "FeatureCollection")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}""", "no adcode")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":500101,"name":"x"},"geometry":null}]}""", "no geometry")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":500101,"name":"x"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}]}""", "LineString")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"adcode":500101,"name":"x","center":"middle"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}""", "center")]
    [InlineData("""not json""", "not valid JSON")]
    public void Malformed_file_is_rejected_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Read(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DistrictFeature> Read(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return BoundaryFile.Read(stream);
    }
}
