using Forewarn.Engine.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Indicators;

/// <summary>A fraud indicator (涉诈要素): one normalised value of one type, city-wide.</summary>
public sealed class Indicator
{
    public long Id { get; set; }
    public IndicatorType Type { get; set; }
    public required string Value { get; set; }
    public IndicatorStatus Status { get; set; }
    public required string Source { get; set; }
    public double Confidence { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public IndicatorEntry ToEntry() => new(Type, Value, Status, Source, Confidence, ExpiresAt);
}

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> indicator)
    {
        indicator.Property(i => i.Type).HasConversion<string>().HasMaxLength(10);
        indicator.Property(i => i.Status).HasConversion<string>().HasMaxLength(12);
        indicator.Property(i => i.Value).HasMaxLength(300);
        indicator.Property(i => i.Source).HasMaxLength(100);
        indicator.HasIndex(i => new { i.Type, i.Value }).IsUnique();
        indicator.HasIndex(i => i.UpdatedAt);
    }
}
