namespace Forewarn.Engine.Warnings;

/// <summary>Calls or SMS from at least <paramref name="Count"/> distinct blacklisted numbers within <paramref name="WithinHours"/> (inclusive).</summary>
/// <param name="Count">Distinct blacklisted numbers needed.</param>
/// <param name="WithinHours">Longest span from the first to the last of those contacts.</param>
public sealed record DistinctBlacklistedContacts(int Count, int WithinHours) : RuleCondition;
