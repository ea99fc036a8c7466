namespace Forewarn.Engine.Warnings;

/// <summary>The outcome of evaluating a rule set on a subject's signals.</summary>
/// <param name="Level">The highest level that fired, or <see langword="null"/> when nothing fired (raise no warning).</param>
/// <param name="Reasons">Every rule that fired: highest level first, then by priority.</param>
/// <param name="RuleSetVersion">The version of the rule set that decided.</param>
public sealed record Classification(RiskLevel? Level, IReadOnlyList<Reason> Reasons, int RuleSetVersion);
