using System.Text.Json;

namespace Forewarn.Server.Features.Warnings;

public static class WarningTimeline
{
    /// <summary>Appends one entry to a tracked warning's timeline; it is saved with the warning.</summary>
    public static void Add(Warning warning, string kind, DateTime at, string actor, object detail) =>
        warning.Timeline.Add(New(warning, kind, at, actor, detail));

    /// <summary>One entry for <paramref name="warning"/>'s timeline, not added anywhere (its warning id is set by the caller).</summary>
    public static WarningEvent New(Warning warning, string kind, DateTime at, string actor, object detail) =>
        new()
        {
            Kind = kind,
            At = at,
            Actor = actor,
            Detail = JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
            UnitPath = warning.UnitPath,
        };
}
