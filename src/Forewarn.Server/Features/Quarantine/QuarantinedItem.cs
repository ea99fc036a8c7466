using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Quarantine;

public enum QuarantineKind { Signal, Contact, Indicator, Case }

public enum QuarantineStatus { Pending, Replayed, Discarded }

/// <summary>
/// An item of input that was rejected: kept with the reasons so staff can correct and replay it, so that
/// nothing a source sent is lost. City-level work: it belongs to the city unit.
/// </summary>
public sealed class QuarantinedItem : IScoped
{
    public long Id { get; set; }
    public QuarantineKind Kind { get; set; }
    public int? ClientId { get; set; }
    public string? ExternalId { get; set; }
    /// <summary>The item exactly as received (one JSON object, or one CSV line).</summary>
    [PersonalData]
    public required string Payload { get; set; }
    /// <summary>JSON array of <c>{ "field", "code", "message" }</c>.</summary>
    public required string Errors { get; set; }
    public DateTime ReceivedAt { get; set; }
    public QuarantineStatus Status { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class QuarantinedItemConfiguration : IEntityTypeConfiguration<QuarantinedItem>
{
    public void Configure(EntityTypeBuilder<QuarantinedItem> item)
    {
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        item.Property(i => i.Status).HasConversion<string>().HasMaxLength(10);
        item.Property(i => i.ExternalId).HasMaxLength(100);
        item.Property(i => i.ResolvedBy).HasMaxLength(100);
        item.Property(i => i.UnitPath).HasMaxLength(64);
        item.HasIndex(i => new { i.Status, i.ReceivedAt });
    }
}
