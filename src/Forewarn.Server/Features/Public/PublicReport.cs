using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Public;

/// <summary>A citizen's scam report: what happened, the counterparty, auto-classified, waiting for review.</summary>
public sealed class PublicReport : IScoped
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    [PersonalData]
    public required string Content { get; set; }
    public string? Counterparty { get; set; }
    public string? CounterpartyType { get; set; }
    [PersonalData]
    public string? Contact { get; set; }
    /// <summary>The fraud type now: the classifier's, or the reviewer's correction of it (what retraining learns).</summary>
    public string? FraudType { get; set; }
    /// <summary>The fraud type the classifier gave, kept when a reviewer corrects <see cref="FraudType"/>.</summary>
    public string? ClassifiedType { get; set; }
    public double Confidence { get; set; }
    /// <summary>The classifier version that typed it; null for the keyword classifier. A reviewer may correct the type.</summary>
    public int? ClassifierVersion { get; set; }
    public required string Status { get; set; }
    public DateTime ReceivedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class PublicReportConfiguration : IEntityTypeConfiguration<PublicReport>
{
    public void Configure(EntityTypeBuilder<PublicReport> r)
    {
        r.Property(x => x.Channel).HasMaxLength(20);
        r.Property(x => x.Content).HasMaxLength(5000);
        r.Property(x => x.Counterparty).HasMaxLength(300);
        r.Property(x => x.CounterpartyType).HasMaxLength(10);
        r.Property(x => x.Contact).HasMaxLength(100);
        r.Property(x => x.FraudType).HasMaxLength(40);
        r.Property(x => x.ClassifiedType).HasMaxLength(40);
        r.Property(x => x.Status).HasMaxLength(10);
        r.Property(x => x.ReviewedBy).HasMaxLength(100);
        r.Property(x => x.UnitPath).HasMaxLength(64);
        r.HasIndex(x => new { x.Status, x.ReceivedAt });
    }
}
