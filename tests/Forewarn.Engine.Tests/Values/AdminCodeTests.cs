using CsCheck;
using Forewarn.Engine.Values;

namespace Forewarn.Engine.Tests.Values;

public class AdminCodeTests
{
    [Theory]
    [InlineData("500000", 6)]
    [InlineData("500112", 6)]
    [InlineData("500112001", 9)]
    [InlineData("500112001002", 12)]
    [InlineData(" 110105 ", 6)]
    [InlineData("820000", 6)]
    public void Code_of_six_nine_or_twelve_digits_is_accepted(string input, int length)
    {
        var code = AdminCode.Parse(input);

        Assert.Equal(input.Trim(), code.Value);
        Assert.Equal(length, code.Length);
    }

    [Fact]
    public void Code_exposes_province_and_county()
    {
        var code = AdminCode.Parse("500112001");

        Assert.Equal("50", code.ProvinceCode);
        Assert.Equal("500112", code.CountyCode);
    }

    [Theory]
    [InlineData("50011", "length")]
    [InlineData("5001120", "length")]
    [InlineData("5001120010", "length")]
    [InlineData("5001120010021", "length")]
    [InlineData("50011a", "format")]
    [InlineData("500 112", "format")]
    [InlineData("990000", "region")]
    [InlineData("000000", "region")]
    [InlineData("", "missing")]
    [InlineData(null, "missing")]
    public void Bad_code_is_rejected_with_a_stable_code(string? input, string expected)
    {
        Assert.False(AdminCode.TryParse(input, out var code, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(default, code);
    }

    [Theory]
    [InlineData("500000", "500112", true)]
    [InlineData("500000", "500112001", true)]
    [InlineData("500000", "500112001002", true)]
    [InlineData("500000", "500000", true)]
    [InlineData("500100", "500112", true)]
    [InlineData("500100", "500235", false)]
    [InlineData("500112", "500112001", true)]
    [InlineData("500112", "500112", true)]
    [InlineData("500112001", "500112001002", true)]
    [InlineData("500112", "500113001", false)]
    [InlineData("500112", "500000", false)]
    [InlineData("500112001", "500112", false)]
    [InlineData("500112001", "500112002003", false)]
    [InlineData("510000", "500112", false)]
    public void Contains_follows_code_prefixes_ignoring_trailing_zero_pairs(string outer, string inner, bool expected)
    {
        Assert.Equal(expected, AdminCode.Parse(outer).Contains(AdminCode.Parse(inner)));
    }

    [Fact]
    public void Default_code_contains_nothing()
    {
        Assert.False(default(AdminCode).Contains(AdminCode.Parse("500112")));
        Assert.False(AdminCode.Parse("500000").Contains(default));
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_code()
    {
        var exception = Assert.Throws<FormatException>(() => AdminCode.Parse("990000"));

        Assert.Contains("region", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Province_and_county_contain_every_code_below_them()
    {
        Gen.Select(ValueGens.RegionCode, ValueGens.Digits(3), ValueGens.Digits(3)).Sample((county, street, village) =>
        {
            var province = AdminCode.Parse(county[..2] + "0000");
            var countyCode = AdminCode.Parse(county);
            var streetCode = AdminCode.Parse(county + street);
            var villageCode = AdminCode.Parse(county + street + village);

            Assert.True(province.Contains(countyCode));
            Assert.True(province.Contains(villageCode));
            Assert.True(countyCode.Contains(streetCode));
            Assert.True(streetCode.Contains(villageCode));
            Assert.True(villageCode.Contains(villageCode));
            Assert.False(villageCode.Contains(streetCode));
            Assert.Equal(streetCode, AdminCode.Parse(streetCode.Value));
        });
    }
}
