using Forewarn.Engine.Territory;

namespace Forewarn.Engine.Tests.Territory;

public class StreetListTests
{
    [Fact]
    public void Real_street_list_has_1031_streets_all_in_the_38_districts()
    {
        using var reader = new StreamReader(ChongqingData.PathOf("streets.csv"));

        var streets = StreetList.Read(reader);

        Assert.Equal(1031, streets.Count);
        Assert.Equal(1031, streets.Select(s => s.Code).Distinct().Count());
        var districts = ChongqingData.Districts.ToDictionary(d => d.Code, d => d.Name);
        Assert.All(streets, s =>
        {
            Assert.Contains(s.DistrictCode, districts.Keys);
            Assert.Equal(districts[s.DistrictCode], s.DistrictName);
            Assert.StartsWith(s.DistrictCode, s.Code, StringComparison.Ordinal);
        });
        Assert.Contains(new Street("500101001", "高笋塘街道", "500101", "万州区"), streets);
    }

    [Fact]
    public void Quoted_fields_are_read()
    {
        var streets = StreetList.Read(new StringReader("""
            code,name,areaCode,areaName,cityCode,cityName
            "500112001","双龙湖街道",500112,渝北区,5001,市辖区
            """));

        Assert.Equal(new Street("500112001", "双龙湖街道", "500112", "渝北区"), Assert.Single(streets));
    }

    [Theory]
    [InlineData("50011200,双龙湖街道,500112,渝北区,5001,市辖区", "nine digits")]
    [InlineData("500112001,双龙湖街道,500113,渝北区,5001,市辖区", "areaCode")]
    [InlineData("500112001,双龙湖街道,500112,渝北区", "4 fields")]
    [InlineData("500112001,,500112,渝北区,5001,市辖区", "empty name")]
    [InlineData("500112001,双龙湖街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道街道,500112,渝北区,5001,市辖区", "longer than 80")]
    [InlineData("500112001,双龙湖\u0000街道,500112,渝北区,5001,市辖区", "control characters")]
    [InlineData("500112001,\"双龙湖街道,500112,渝北区,5001,市辖区", "quoting")]
    [InlineData("500101001,高笋塘街道,500101,万州区,5001,市辖区", "more than once")]
    public void Malformed_row_is_rejected_naming_its_line(string badRow, string reason)
    {
        string csv = "code,name,areaCode,areaName,cityCode,cityName\n500101001,高笋塘街道,500101,万州区,5001,市辖区\n" + badRow + "\n";

        var error = Assert.Throws<InvalidDataException>(() => StreetList.Read(new StringReader(csv)));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_without_the_expected_header_is_rejected()
    {
        var error = Assert.Throws<InvalidDataException>(() => StreetList.Read(new StringReader("code,name\n500112001,双龙湖街道\n")));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }
}
