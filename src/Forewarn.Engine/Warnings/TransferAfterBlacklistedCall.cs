namespace Forewarn.Engine.Warnings;

/// <summary>Any transfer during a call with a blacklisted number or within <paramref name="WithinMinutes"/> after it ended.</summary>
/// <param name="WithinMinutes">Minutes after the call's end that still count (inclusive).</param>
public sealed record TransferAfterBlacklistedCall(int WithinMinutes) : RuleCondition;
