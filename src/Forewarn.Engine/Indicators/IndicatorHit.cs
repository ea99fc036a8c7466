namespace Forewarn.Engine.Indicators;

/// <summary>A blacklist match.</summary>
/// <param name="Type">The list that matched (a URL can hit through its <see cref="IndicatorType.Domain"/> or <see cref="IndicatorType.Ip"/>).</param>
/// <param name="Value">The listed value that matched, e.g. <c>evil.com</c> for a lookup of <c>a.b.evil.com</c>.</param>
/// <param name="Status"><see cref="IndicatorStatus.Suspected"/> or <see cref="IndicatorStatus.Confirmed"/>; never whitelisted.</param>
/// <param name="Confidence">The strongest entry's confidence, rounded to four decimal places.</param>
public readonly record struct IndicatorHit(IndicatorType Type, string Value, IndicatorStatus Status, double Confidence);
