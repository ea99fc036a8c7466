using Forewarn.Engine.Warnings;

namespace Forewarn.Engine.Dissuasion;

/// <summary>Time limits of one level, counted from when the warning reached that level.</summary>
/// <param name="SignFor">签收 deadline.</param>
/// <param name="FirstContact">First contact (call, SMS or robocall) deadline.</param>
/// <param name="FaceToFace">Face-to-face deadline; null where none applies (low: publicity visits as capacity allows).</param>
public sealed record LevelLimits(TimeSpan SignFor, TimeSpan FirstContact, TimeSpan? FaceToFace);

/// <summary>The dissuasion policy: a versioned table of limits per level (DESIGN §4).</summary>
public sealed record DissuasionPolicy(int Version, IReadOnlyDictionary<RiskLevel, LevelLimits> Limits)
{
    /// <summary>DESIGN §4 defaults: special 1 min / 5 min / 30 min; high 5 min / 30 min / 24 h; medium 1 h / 24 h / 72 h; low 24 h / 72 h.</summary>
    public static DissuasionPolicy Default { get; } = new(1, new Dictionary<RiskLevel, LevelLimits>
    {
        [RiskLevel.Special] = new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)),
        [RiskLevel.High] = new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(24)),
        [RiskLevel.Medium] = new(TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(72)),
        [RiskLevel.Low] = new(TimeSpan.FromHours(24), TimeSpan.FromHours(72), null),
    });

    /// <summary>The deadlines of a warning that reached <paramref name="level"/> at <paramref name="since"/>.</summary>
    public Deadlines DeadlinesFor(RiskLevel level, DateTime since)
    {
        var limits = Limits[level];
        return new Deadlines(since + limits.SignFor, since + limits.FirstContact, since + limits.FaceToFace);
    }
}

/// <summary>Absolute deadlines of a warning (UTC).</summary>
public sealed record Deadlines(DateTime SignFor, DateTime FirstContact, DateTime? FaceToFace);
