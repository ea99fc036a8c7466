using Forewarn.Engine.Dissuasion;
using Forewarn.Engine.Warnings;

namespace Forewarn.Server.Features.Warnings;

/// <summary>A warning's deadlines as the API shows them, from the policy's limits for its current level.</summary>
public static class Deadlines
{
    public sealed record Response(DateTimeOffset SignFor, DateTimeOffset FirstContact, DateTimeOffset? FaceToFace);

    public static Response Of(RiskLevel level, DateTime levelSince, DissuasionPolicy policy)
    {
        var d = policy.DeadlinesFor(level, DateTime.SpecifyKind(levelSince, DateTimeKind.Utc));
        return new Response(ListWarnings.Utc(d.SignFor), ListWarnings.Utc(d.FirstContact), d.FaceToFace is { } f ? ListWarnings.Utc(f) : null);
    }
}
