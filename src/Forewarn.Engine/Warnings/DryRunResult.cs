namespace Forewarn.Engine.Warnings;

/// <summary>What a proposed rule set would change on a sample of cases, for the checker of a rule change.</summary>
/// <param name="Cases">Cases evaluated.</param>
/// <param name="Unchanged">Same level under both (including no warning under both).</param>
/// <param name="Raised">A warning under both, higher under the proposal.</param>
/// <param name="Lowered">A warning under both, lower under the proposal.</param>
/// <param name="NewlyRaised">No warning now, a warning under the proposal.</param>
/// <param name="Dropped">A warning now, none under the proposal.</param>
/// <param name="Transitions">Counts per (from, to) pair that occurred, no-warning first, then by level.</param>
public sealed record DryRunResult(
    int Cases,
    int Unchanged,
    int Raised,
    int Lowered,
    int NewlyRaised,
    int Dropped,
    IReadOnlyList<LevelTransition> Transitions);
