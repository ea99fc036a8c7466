using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Warnings;

public class RiskLevelsTests
{
    [Theory]
    [InlineData(RiskLevel.Low, "low", "低危")]
    [InlineData(RiskLevel.Medium, "medium", "中危")]
    [InlineData(RiskLevel.High, "high", "高危")]
    [InlineData(RiskLevel.Special, "special", "特危")]
    public void Level_has_a_wire_name_and_a_Chinese_name(RiskLevel level, string wire, string chinese)
    {
        Assert.Equal(wire, RiskLevels.ToWire(level));
        Assert.Equal(chinese, RiskLevels.ChineseName(level));
        Assert.True(RiskLevels.TryParse(wire, out var parsed));
        Assert.Equal(level, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("High")]
    [InlineData("3")]
    [InlineData("critical")]
    public void Unknown_level_names_do_not_parse(string? value)
    {
        Assert.False(RiskLevels.TryParse(value, out _));
    }

    [Fact]
    public void Levels_order_from_low_to_special()
    {
        Assert.True(RiskLevel.Low < RiskLevel.Medium && RiskLevel.Medium < RiskLevel.High && RiskLevel.High < RiskLevel.Special);
        Assert.Equal(1, (int)RiskLevel.Low);
        Assert.Equal(4, (int)RiskLevel.Special);
    }

    [Fact]
    public void Every_signal_type_round_trips_through_its_wire_name()
    {
        Assert.Equal(
            ["clue", "call", "sms", "app_install", "url_visit", "transfer", "screen_share"],
            Enum.GetValues<SignalType>().Select(SignalTypes.ToWire));
        foreach (var type in Enum.GetValues<SignalType>())
        {
            Assert.True(SignalTypes.TryParse(SignalTypes.ToWire(type), out var parsed));
            Assert.Equal(type, parsed);
        }

        Assert.False(SignalTypes.TryParse("AppInstall", out _));
        Assert.False(SignalTypes.TryParse(null, out _));
    }
}
