using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Warnings;

/// <summary>One entry of a warning's timeline: raised, joined by a signal, level raised, routed, signed for, ….</summary>
public sealed class WarningEvent : IScoped
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public DateTime At { get; set; }
    public required string Kind { get; set; }
    /// <summary>Who: a username, or <c>system</c>, or <c>client:NAME</c>.</summary>
    public required string Actor { get; set; }
    public required string Detail { get; set; }
    public required string UnitPath { get; set; }
}

public static class WarningEventKinds
{
    public const string Raised = "raised";
    public const string Joined = "joined";
    public const string LevelRaised = "level_raised";
    public const string Rerouted = "rerouted";
}

public sealed class WarningEventConfiguration : IEntityTypeConfiguration<WarningEvent>
{
    public void Configure(EntityTypeBuilder<WarningEvent> e)
    {
        e.Property(x => x.Kind).HasMaxLength(30);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.UnitPath).HasMaxLength(64);
        e.HasIndex(x => new { x.WarningId, x.At });
        e.HasOne<Warning>().WithMany(w => w.Timeline).HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}
