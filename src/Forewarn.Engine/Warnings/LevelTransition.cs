namespace Forewarn.Engine.Warnings;

/// <summary>How many dry-run cases went from one level to another (null: no warning).</summary>
/// <param name="From">Level under the current rule set.</param>
/// <param name="To">Level under the proposed rule set.</param>
/// <param name="Count">Number of cases.</param>
public sealed record LevelTransition(RiskLevel? From, RiskLevel? To, int Count);
