namespace Forewarn.Engine.Warnings;

/// <summary>A visit to a blacklisted URL at or after a call or SMS with a blacklisted number in the same window.</summary>
public sealed record BlacklistedUrlAfterBlacklistedContact : RuleCondition;
