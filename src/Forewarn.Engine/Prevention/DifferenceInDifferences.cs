namespace Forewarn.Engine.Prevention;

/// <summary>Counts of one group of areas in the period before and the period after an intervention, and the group's population.</summary>
public readonly record struct GroupCounts(long Before, long After, long Population)
{
    /// <summary>Events per 10,000 residents, or null without a population.</summary>
    public double? Rate(long count) => Population > 0 ? count * 10_000.0 / Population : null;
}

/// <summary>
/// The difference-in-differences estimate of an intervention's effect: the change in the treated areas minus the change in comparable
/// untreated (control) areas over the same periods, on rates per 10,000 residents so areas of different size compare.
/// A negative estimate means fewer events where the campaign ran than the control areas' trend predicts.
/// </summary>
public sealed record DidEstimate(double? TreatedBefore, double? TreatedAfter, double? ControlBefore, double? ControlAfter, double? Estimate, long? CountEstimate)
{
    /// <summary>Rates per 10,000 and the estimate (rounded to 4 places); with no control group only the treated rates are given.</summary>
    public static DidEstimate Of(GroupCounts treated, GroupCounts? control)
    {
        double? tb = treated.Rate(treated.Before), ta = treated.Rate(treated.After);
        double? cb = control?.Rate(control.Value.Before), ca = control?.Rate(control.Value.After);
        double? estimate = tb is { } a && ta is { } b && cb is { } c && ca is { } d ? (b - a) - (d - c) : null;
        long? count = control is { } k ? (treated.After - treated.Before) - (k.After - k.Before) : null;
        return new DidEstimate(Round(tb), Round(ta), Round(cb), Round(ca), Round(estimate), count);
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}
