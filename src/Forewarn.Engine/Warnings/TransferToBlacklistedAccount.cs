namespace Forewarn.Engine.Warnings;

/// <summary>A transfer to a blacklisted account.</summary>
public sealed record TransferToBlacklistedAccount : RuleCondition;
