using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Territory;

/// <summary>One row of the imported seven-digit mobile segment table (号段): prefix → home province and city.</summary>
public sealed class PhoneSegmentRow
{
    public int Prefix { get; set; }
    public required string Province { get; set; }
    public required string City { get; set; }
    public required string AreaCode { get; set; }
    public required string Carrier { get; set; }

    /// <summary>
    /// True when every field fits its column and holds no NUL character (PostgreSQL refuses a longer value and any NUL in
    /// text; SQLite would keep both).
    /// </summary>
    public static bool Fits(Forewarn.Engine.Territory.PhoneSegment segment) =>
        segment.Province.Length <= 20 && segment.City.Length <= 40 && segment.AreaCode.Length <= 6 && segment.Carrier.Length <= 20
        && !string.Concat(segment.Province, segment.City, segment.AreaCode, segment.Carrier).Contains('\0', StringComparison.Ordinal);
}

public sealed class PhoneSegmentRowConfiguration : IEntityTypeConfiguration<PhoneSegmentRow>
{
    public void Configure(EntityTypeBuilder<PhoneSegmentRow> row)
    {
        row.ToTable("PhoneSegments");
        row.HasKey(r => r.Prefix);
        row.Property(r => r.Prefix).ValueGeneratedNever();
        row.Property(r => r.Province).HasMaxLength(20);
        row.Property(r => r.City).HasMaxLength(40);
        row.Property(r => r.AreaCode).HasMaxLength(6);
        row.Property(r => r.Carrier).HasMaxLength(20);
    }
}
