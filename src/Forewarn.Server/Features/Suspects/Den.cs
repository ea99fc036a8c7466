using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Suspects;

/// <summary>Den statuses: suspected (疑似) → confirmed (已核实) → destroyed (已捣毁); or moved away (已转移) before a raid.</summary>
public static class DenStatus
{
    public const string Suspected = "suspected";
    public const string Confirmed = "confirmed";
    public const string Destroyed = "destroyed";
    public const string Moved = "moved";

    public static readonly string[] All = [Suspected, Confirmed, Destroyed, Moved];

    public static bool CanMove(string from, string to) => (from, to) is (Suspected, Confirmed) or (Suspected, Destroyed) or (Suspected, Moved)
        or (Confirmed, Destroyed) or (Confirmed, Moved) or (Moved, Confirmed);

    public static string ChineseName(string status) => status switch
    {
        Suspected => "疑似",
        Confirmed => "已核实",
        Destroyed => "已捣毁",
        Moved => "已转移",
        _ => status,
    };
}

/// <summary>A den (窝点): a place a gang works from; its unit is resolved from its position or address.</summary>
public sealed class Den : IScoped
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Address { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    /// <summary>Which rule placed it (point, adminCode, address, or the caller's own unit).</summary>
    public required string RouteRule { get; set; }
    public required string Status { get; set; }
    public long? GroupId { get; set; }
    public string? Note { get; set; }
    public DateTime? DestroyedAt { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

public sealed class DenConfiguration : IEntityTypeConfiguration<Den>
{
    public void Configure(EntityTypeBuilder<Den> d)
    {
        d.Property(x => x.Name).HasMaxLength(100);
        d.Property(x => x.Address).HasMaxLength(300);
        d.Property(x => x.RouteRule).HasMaxLength(20);
        d.Property(x => x.Status).HasMaxLength(20);
        d.Property(x => x.Note).HasMaxLength(2000);
        d.Property(x => x.UnitCode).HasMaxLength(12);
        d.Property(x => x.UnitPath).HasMaxLength(64);
        d.Property(x => x.CreatedBy).HasMaxLength(100);
        d.HasIndex(x => x.UnitPath);
        d.HasIndex(x => x.DestroyedAt);
        d.HasOne<FraudGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.SetNull);
    }
}
