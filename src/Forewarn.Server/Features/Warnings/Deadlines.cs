using Forewarn.Engine.Warnings;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// The default time limits per level (DESIGN §4), counted from when the warning reached its current level.
/// Face to face has no limit for a low warning (publicity visits as capacity allows).
/// </summary>
public static class Deadlines
{
    public sealed record Limits(TimeSpan SignFor, TimeSpan FirstContact, TimeSpan? FaceToFace);

    public static Limits For(RiskLevel level) => level switch
    {
        RiskLevel.Special => new(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)),
        RiskLevel.High => new(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(24)),
        RiskLevel.Medium => new(TimeSpan.FromHours(1), TimeSpan.FromHours(24), TimeSpan.FromHours(72)),
        _ => new(TimeSpan.FromHours(24), TimeSpan.FromHours(72), null),
    };

    public sealed record Response(DateTimeOffset SignFor, DateTimeOffset FirstContact, DateTimeOffset? FaceToFace);

    public static Response Of(RiskLevel level, DateTime levelSince)
    {
        var limits = For(level);
        var start = ListWarnings.Utc(levelSince);
        return new Response(start + limits.SignFor, start + limits.FirstContact, start + limits.FaceToFace);
    }
}
