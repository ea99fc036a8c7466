namespace Forewarn.Engine.Warnings;

/// <summary>Why a warning has its level: one rule that fired, the signals it matched and what they showed.</summary>
/// <param name="RuleId">The rule's id.</param>
/// <param name="Level">The rule's level.</param>
/// <param name="SignalIds">The matched signals, oldest first.</param>
/// <param name="Facts">A short explanation for the officer, e.g. <c>call 720 s with 17012345678 (blacklisted)</c>.</param>
public sealed record Reason(string RuleId, RiskLevel Level, IReadOnlyList<string> SignalIds, string Facts);
