namespace Forewarn.Engine.Warnings;

/// <summary>An upstream clue graded at exactly <paramref name="Level"/>; a clue marked urgent counts as <see cref="RiskLevel.Special"/>.</summary>
/// <param name="Level">The clue level this rule takes over.</param>
public sealed record UpstreamClue(RiskLevel Level) : RuleCondition;
