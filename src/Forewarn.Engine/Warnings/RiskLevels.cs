using System.Diagnostics.CodeAnalysis;

namespace Forewarn.Engine.Warnings;

/// <summary>Wire and display names of <see cref="RiskLevel"/>.</summary>
public static class RiskLevels
{
    /// <summary>The API name: <c>low</c>, <c>medium</c>, <c>high</c> or <c>special</c>.</summary>
    public static string ToWire(RiskLevel level) => level switch
    {
        RiskLevel.Low => "low",
        RiskLevel.Medium => "medium",
        RiskLevel.High => "high",
        RiskLevel.Special => "special",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Undefined risk level."),
    };

    /// <summary>Parses an API name (exact, lower-case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out RiskLevel level)
    {
        switch (value)
        {
            case "low":
                level = RiskLevel.Low;
                return true;
            case "medium":
                level = RiskLevel.Medium;
                return true;
            case "high":
                level = RiskLevel.High;
                return true;
            case "special":
                level = RiskLevel.Special;
                return true;
            default:
                level = default;
                return false;
        }
    }

    /// <summary>The Chinese name: 低危, 中危, 高危 or 特危.</summary>
    public static string ChineseName(RiskLevel level) => level switch
    {
        RiskLevel.Low => "低危",
        RiskLevel.Medium => "中危",
        RiskLevel.High => "高危",
        RiskLevel.Special => "特危",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Undefined risk level."),
    };
}
