using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// A block or stop-loss request to a source client (止付 and freeze to a bank; line cut and number shutdown to an
/// operator), kept in an outbox: written in the same transaction as the officer's action, then delivered to the
/// client's webhook with retries until it answers 2xx. The idempotency key travels with every try, and nothing
/// is sent again once acknowledged.
/// </summary>
public sealed class OutboundRequest : IScoped
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public required string Kind { get; set; }
    public int ClientId { get; set; }
    public Guid IdempotencyKey { get; set; }
    /// <summary>The JSON body sent to the client.</summary>
    public required string Payload { get; set; }
    public OutboundStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? LastError { get; set; }
    public required string By { get; set; }
    public required string UnitPath { get; set; }

    public static readonly string[] Kinds = ["payment_stop", "freeze", "line_cut", "number_shutdown"];
}

public enum OutboundStatus { Pending, Acknowledged }

public sealed class OutboundRequestConfiguration : IEntityTypeConfiguration<OutboundRequest>
{
    public void Configure(EntityTypeBuilder<OutboundRequest> o)
    {
        o.Property(x => x.Kind).HasMaxLength(20);
        o.Property(x => x.Status).HasConversion<string>().HasMaxLength(14);
        o.Property(x => x.LastError).HasMaxLength(500);
        o.Property(x => x.By).HasMaxLength(100);
        o.Property(x => x.UnitPath).HasMaxLength(64);
        o.HasIndex(x => x.IdempotencyKey).IsUnique();
        o.HasIndex(x => new { x.Status, x.NextAttemptAt });
        o.HasIndex(x => x.WarningId);
    }
}
