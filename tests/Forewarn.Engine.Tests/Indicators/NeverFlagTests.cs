using Forewarn.Engine.Indicators;

namespace Forewarn.Engine.Tests.Indicators;

public class NeverFlagTests
{
    [Theory]
    [InlineData("96110")]
    [InlineData("110")]
    [InlineData("12381")]
    [InlineData("95588")]
    [InlineData("96096")]
    [InlineData("95017")]
    public void Official_numbers_are_never_flagged(string number)
    {
        Assert.True(NeverFlag.Contains(IndicatorType.Phone, number));
        Assert.False(string.IsNullOrWhiteSpace(NeverFlag.Phones[number]));
    }

    [Fact]
    public void List_holds_the_warning_lines_and_the_banks_service_numbers()
    {
        Assert.Equal(25, NeverFlag.Phones.Count);
        Assert.Equal("中国工商银行", NeverFlag.Phones["95588"]);
        Assert.Equal("重庆农村商业银行", NeverFlag.Phones["96096"]);
    }

    [Fact]
    public void Other_numbers_and_other_types_are_not_on_the_list()
    {
        Assert.False(NeverFlag.Contains(IndicatorType.Phone, "17012345678"));
        Assert.False(NeverFlag.Contains(IndicatorType.Phone, "955888"));
        Assert.False(NeverFlag.Contains(IndicatorType.Account, "95588"));
    }
}
