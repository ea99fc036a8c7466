namespace Forewarn.Engine.Warnings;

/// <summary>What is known about the subject (the potential victim) that changes the risk.</summary>
/// <param name="Age">Age in years, if known.</param>
/// <param name="EarlierVictim">The subject was defrauded before.</param>
public sealed record SubjectFacts(int? Age, bool EarlierVictim);
