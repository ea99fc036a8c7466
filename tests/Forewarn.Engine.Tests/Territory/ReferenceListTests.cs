using Forewarn.Engine.Territory;

namespace Forewarn.Engine.Tests.Territory;

public sealed class ReferenceListTests
{
    [Fact]
    public void The_real_street_list_has_1031_streets_in_38_districts()
    {
        using var file = new StreamReader(Path.Combine(AppContext.BaseDirectory, "data", "territory", "chongqing", "streets.csv"));
        var streets = StreetList.Read(file);
        Assert.Equal(1031, streets.Count);
        Assert.Equal(38, streets.Select(s => s.DistrictCode).Distinct().Count());
        Assert.Contains(streets, s => s.Code == "500112011" && s.Name == "龙溪街道" && s.DistrictName == "渝北区");
        Assert.All(streets, s => Assert.StartsWith(s.DistrictCode, s.Code));
    }

    [Fact]
    public void A_malformed_street_row_names_its_line()
    {
        var csv = "code,name,areaCode,areaName,cityCode,cityName\n500112011,龙溪街道,500112,渝北区,5001,市辖区\n12345,坏行,500112,渝北区,5001,市辖区\n";
        var error = Assert.Throws<InvalidDataException>(() => StreetList.Read(new StringReader(csv)));
        Assert.Contains("Line 3", error.Message);
    }

    [Fact]
    public void Segments_load_with_quoted_fields_and_count_bad_rows()
    {
        const string csv = """
            prefix7,province,city,zip_code,area_code,card_type,carrier
            1390230,重庆,重庆,400000,023,"中国移动GSM卡",中国移动
            1390100,"北京",北京,100000,010,中国移动GSM卡,中国移动
            13901,北京,北京,100000,010,x,y
            abcdefg,北京,北京,100000,010,x,y
            """;
        var table = PhoneSegmentTable.Load(new StringReader(csv));
        Assert.Equal(2, table.Count);
        Assert.Equal(2, table.Rejected);
        Assert.True(table.TryFind("13902301234", out var chongqing));
        Assert.Equal(("重庆", "023", "中国移动"), (chongqing.City, chongqing.AreaCode, chongqing.Carrier));
        Assert.False(table.TryFind("13700001234", out _));
    }
}
