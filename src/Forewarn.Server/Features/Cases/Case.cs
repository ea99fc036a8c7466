using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Cases;

/// <summary>A fraud case (案件). Opened by hand or when a warning closes as already defrauded.</summary>
public sealed class Case : IScoped
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public string? FraudType { get; set; }
    public DateTime OccurredAt { get; set; }
    public long LossFen { get; set; }
    public long StoppedFen { get; set; }
    [PersonalData]
    public string? Narrative { get; set; }
    /// <summary>The victim's keyed phone hash, for "no loss reported within 30 days" and earlier-victim checks.</summary>
    public string? VictimKey { get; set; }
    public long? WarningId { get; set; }
    public required string Status { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> c)
    {
        c.Property(x => x.Title).HasMaxLength(200);
        c.Property(x => x.FraudType).HasMaxLength(40);
        c.Property(x => x.Narrative).HasMaxLength(10_000);
        c.Property(x => x.VictimKey).HasMaxLength(64);
        c.Property(x => x.Status).HasMaxLength(20);
        c.Property(x => x.UnitCode).HasMaxLength(12);
        c.Property(x => x.UnitPath).HasMaxLength(64);
        c.Property(x => x.CreatedBy).HasMaxLength(100);
        c.HasIndex(x => x.UnitPath);
        c.HasIndex(x => x.VictimKey);
        c.HasIndex(x => x.WarningId);
    }
}
