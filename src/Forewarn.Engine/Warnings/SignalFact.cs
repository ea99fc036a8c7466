using Forewarn.Engine.Indicators;

namespace Forewarn.Engine.Warnings;

/// <summary>One signal about a subject, as the classifier sees it, with the blacklist verdict already attached.</summary>
/// <param name="SignalId">The signal's id, quoted back in <see cref="Reason.SignalIds"/>.</param>
/// <param name="Type">What happened.</param>
/// <param name="OccurredAtUtc">When it began (a call's start), UTC.</param>
/// <param name="CounterpartyType">The kind of counterparty indicator, if any.</param>
/// <param name="Counterparty">The normalised counterparty (number, account, URL, app id, handle).</param>
/// <param name="CounterpartyBlacklisted">Whether the counterparty hit the blacklist.</param>
/// <param name="DurationSeconds">Calls and screen sharing: how long it lasted.</param>
/// <param name="AmountFen">Transfers: the amount in fen (分).</param>
/// <param name="ClueLevel">Clues: the level the upstream source gave.</param>
/// <param name="ClueUrgent">Clues: marked urgent upstream, which counts as <see cref="RiskLevel.Special"/>.</param>
public sealed record SignalFact(
    string SignalId,
    SignalType Type,
    DateTime OccurredAtUtc,
    IndicatorType? CounterpartyType,
    string? Counterparty,
    bool CounterpartyBlacklisted,
    int? DurationSeconds,
    long? AmountFen,
    RiskLevel? ClueLevel,
    bool ClueUrgent);
