namespace Forewarn.Engine.Warnings;

/// <summary>Any call or SMS with a blacklisted number.</summary>
public sealed record SingleBlacklistedContact : RuleCondition;
