namespace Forewarn.Engine.Warnings;

/// <summary>A screen-sharing session with a blacklisted party.</summary>
public sealed record ScreenShareWithBlacklisted : RuleCondition;
