namespace Forewarn.Engine.Warnings;

/// <summary>How signals join an open warning and how its level moves. The server owns persistence.</summary>
public static class Correlation
{
    /// <summary>Signals about one subject within 72 h of each other join one open warning.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(72);

    /// <summary>
    /// Whether a signal joins the open warning whose latest signal occurred at <paramref name="openWarningLastSignalUtc"/>:
    /// it is at most <paramref name="window"/> away, either side (late deliveries of earlier events join too).
    /// </summary>
    public static bool Joins(DateTime openWarningLastSignalUtc, DateTime signalUtc, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return (signalUtc - openWarningLastSignalUtc).Duration() <= window;
    }

    /// <summary>The level of an open warning after re-evaluation: it only rises while open.</summary>
    public static RiskLevel Raise(RiskLevel current, RiskLevel evaluated) => evaluated > current ? evaluated : current;

    /// <summary>Whether going from <paramref name="before"/> (null: no warning yet) to <paramref name="after"/> is a rise, which re-notifies and restarts the SLA clock.</summary>
    public static bool IsRise(RiskLevel? before, RiskLevel after) => before is not { } b || after > b;
}
