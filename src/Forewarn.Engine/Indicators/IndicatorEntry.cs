namespace Forewarn.Engine.Indicators;

/// <summary>One row of the indicator store, as the blacklist is built from it.</summary>
/// <param name="Type">The kind of indicator.</param>
/// <param name="Value">The value, already normalised by the caller (digits for phones, lower-case host for domains).</param>
/// <param name="Status">Suspected, confirmed or whitelisted.</param>
/// <param name="Source">Who reported it (operator, bank, national center, public report, …).</param>
/// <param name="Confidence">0 to 1; kept to four decimal places in the index.</param>
/// <param name="ExpiresAtUtc">When the entry stops counting; <see langword="null"/> for never.</param>
public sealed record IndicatorEntry(
    IndicatorType Type,
    string Value,
    IndicatorStatus Status,
    string Source,
    double Confidence,
    DateTime? ExpiresAtUtc);
