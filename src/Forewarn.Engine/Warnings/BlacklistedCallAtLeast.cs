namespace Forewarn.Engine.Warnings;

/// <summary>A call with a blacklisted number that lasted at least <paramref name="Seconds"/>.</summary>
/// <param name="Seconds">Minimum duration (inclusive).</param>
public sealed record BlacklistedCallAtLeast(int Seconds) : RuleCondition;
