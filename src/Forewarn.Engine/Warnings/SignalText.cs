using System.Globalization;

namespace Forewarn.Engine.Warnings;

/// <summary>Short, culture-invariant descriptions of signals for <see cref="Reason.Facts"/>.</summary>
internal static class SignalText
{
    public static string Describe(SignalFact s)
    {
        var who = Counterparty(s);
        return s.Type switch
        {
            SignalType.Call when s.DurationSeconds is { } seconds =>
                string.Create(CultureInfo.InvariantCulture, $"call {seconds} s with {who}"),
            SignalType.Call => $"call with {who}",
            SignalType.Sms => $"sms from {who}",
            SignalType.Transfer when s.AmountFen is { } fen => $"transfer {Yuan(fen)} yuan to {who}",
            SignalType.Transfer => $"transfer to {who}",
            SignalType.AppInstall => $"installed app {who}",
            SignalType.UrlVisit => $"visited {who}",
            SignalType.ScreenShare => $"screen sharing with {who}",
            SignalType.Clue => s.ClueUrgent
                ? $"upstream clue {Level(s.ClueLevel)}, urgent"
                : $"upstream clue {Level(s.ClueLevel)}",
            _ => $"{s.Type} {who}",
        };
    }

    public static string More(string facts, int matched) =>
        matched > 1 ? string.Create(CultureInfo.InvariantCulture, $"{facts} (+{matched - 1} more)") : facts;

    public static string Minutes(TimeSpan span) =>
        ((long)Math.Floor(span.TotalMinutes)).ToString(CultureInfo.InvariantCulture);

    private static string Counterparty(SignalFact s) =>
        (s.Counterparty ?? "unknown") + (s.CounterpartyBlacklisted ? " (blacklisted)" : "");

    private static string Level(RiskLevel? level) =>
        level is { } l && Enum.IsDefined(l) ? RiskLevels.ToWire(l) : "ungraded";

    private static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
