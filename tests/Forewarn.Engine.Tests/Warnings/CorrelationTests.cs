using CsCheck;
using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Tests.Warnings;

public class CorrelationTests
{
    private static readonly DateTime Last = new(2026, 11, 28, 1, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Signal_72_hours_after_the_last_joins_and_one_second_later_does_not()
    {
        Assert.True(Correlation.Joins(Last, Last.AddHours(72), Correlation.DefaultWindow));
        Assert.False(Correlation.Joins(Last, Last.AddHours(72).AddSeconds(1), Correlation.DefaultWindow));
    }

    [Fact]
    public void Late_delivery_of_an_earlier_signal_within_the_window_joins()
    {
        Assert.True(Correlation.Joins(Last, Last.AddHours(-5), Correlation.DefaultWindow));
        Assert.False(Correlation.Joins(Last, Last.AddHours(-73), Correlation.DefaultWindow));
    }

    [Fact]
    public void Window_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Correlation.Joins(Last, Last, TimeSpan.Zero));
    }

    [Fact]
    public void Level_rises_while_open_but_never_falls()
    {
        Assert.Equal(RiskLevel.High, Correlation.Raise(RiskLevel.Medium, RiskLevel.High));
        Assert.Equal(RiskLevel.High, Correlation.Raise(RiskLevel.High, RiskLevel.Low));
    }

    [Fact]
    public void A_first_level_or_a_higher_level_is_a_rise()
    {
        Assert.True(Correlation.IsRise(null, RiskLevel.Low));
        Assert.True(Correlation.IsRise(RiskLevel.Medium, RiskLevel.Special));
        Assert.False(Correlation.IsRise(RiskLevel.High, RiskLevel.High));
        Assert.False(Correlation.IsRise(RiskLevel.High, RiskLevel.Medium));
    }

    [Fact]
    public void Raise_never_lowers()
    {
        Gen.Select(Gen.Enum<RiskLevel>(), Gen.Enum<RiskLevel>()).Sample((current, evaluated) =>
        {
            var raised = Correlation.Raise(current, evaluated);

            Assert.True(raised >= current);
            Assert.True(raised >= evaluated);
            Assert.True(raised == current || raised == evaluated);
            Assert.Equal(raised != current, Correlation.IsRise(current, raised));
        });
    }
}
