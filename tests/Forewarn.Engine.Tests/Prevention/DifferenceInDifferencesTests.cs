using Forewarn.Engine.Prevention;

namespace Forewarn.Engine.Tests.Prevention;

public class DifferenceInDifferencesTests
{
    [Fact]
    public void The_estimate_is_the_treated_change_minus_the_control_change_per_ten_thousand()
    {
        // Treated: 6 → 2 in 10,000 people; control: 4 → 4 in 20,000 people (2 → 2 per 10k).
        var did = DidEstimate.Of(new GroupCounts(6, 2, 10_000), new GroupCounts(4, 4, 20_000));

        Assert.Equal(6, did.TreatedBefore);
        Assert.Equal(2, did.TreatedAfter);
        Assert.Equal(2, did.ControlBefore);
        Assert.Equal(2, did.ControlAfter);
        Assert.Equal(-4, did.Estimate);
        Assert.Equal(-4, did.CountEstimate);
    }

    [Fact]
    public void A_common_trend_is_taken_out()
    {
        // Both groups rise by the same rate: the campaign made no difference.
        var did = DidEstimate.Of(new GroupCounts(10, 15, 50_000), new GroupCounts(20, 30, 100_000));

        Assert.Equal(0, did.Estimate);
        Assert.Equal(-5, did.CountEstimate);
    }

    [Fact]
    public void Without_a_control_group_or_a_population_there_is_no_estimate()
    {
        Assert.Null(DidEstimate.Of(new GroupCounts(3, 1, 1000), null).Estimate);
        Assert.Equal(30, DidEstimate.Of(new GroupCounts(3, 1, 1000), null).TreatedBefore);
        Assert.Null(DidEstimate.Of(new GroupCounts(3, 1, 0), new GroupCounts(1, 1, 1000)).Estimate);
    }
}
