namespace Forewarn.Engine.Indicators;

/// <summary>How sure the center is about an indicator. Order matters: a later member outranks an earlier one.</summary>
public enum IndicatorStatus
{
    /// <summary>Reported or inferred, not yet verified (疑似).</summary>
    Suspected = 0,
    /// <summary>Verified as used for fraud (确认).</summary>
    Confirmed = 1,
    /// <summary>Known to be legitimate: suppresses every blacklist hit on the same value.</summary>
    Whitelisted = 2,
}
