using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Notifications;

/// <summary>
/// A message to a person (or to everyone of a unit) about a warning: it arrived, it rose, a deadline nears or was
/// missed. Shown in the app and handed to the outbound gateway (SMS/voice) when one is configured.
/// </summary>
public sealed class Notification : IScoped
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public Warnings.Warning? Warning { get; set; }
    public required string Kind { get; set; }
    /// <summary>A username, or null for everyone of <see cref="UnitCode"/>.</summary>
    public string? Recipient { get; set; }
    public required string UnitCode { get; set; }
    public required string Message { get; set; }
    public DateTime At { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public required string UnitPath { get; set; }
}

public static class NotificationKinds
{
    public const string Arrived = "arrived";
    public const string Raised = "raised";
    public const string SlaWarning = "sla_warning";
    public const string SlaBreach = "sla_breach";
    public const string SlaEscalation = "sla_escalation";
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> n)
    {
        n.Property(x => x.Kind).HasMaxLength(20);
        n.Property(x => x.Recipient).HasMaxLength(100);
        n.Property(x => x.UnitCode).HasMaxLength(12);
        n.Property(x => x.Message).HasMaxLength(500);
        n.Property(x => x.UnitPath).HasMaxLength(64);
        n.HasIndex(x => new { x.UnitCode, x.At });
        n.HasIndex(x => new { x.Recipient, x.At });
        n.HasIndex(x => x.DeliveredAt);
        n.HasOne(x => x.Warning).WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}
