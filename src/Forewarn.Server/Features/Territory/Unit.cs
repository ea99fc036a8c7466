using Forewarn.Engine;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Territory;

/// <summary>A unit (单位) of the territory: the city, a district or county, a police station, or a grid.</summary>
public sealed class Unit : IScoped
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public UnitLevel Level { get; set; }
    public string? ParentCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>For a station: the street or town (街道/镇/乡) it serves, which addresses name.</summary>
    public string? StreetName { get; set; }

    /// <summary>Boundary as WKB (lon/lat), kept in the database and indexed in memory.</summary>
    public byte[]? Boundary { get; set; }

    /// <summary>True when the boundary was derived (no public street or grid polygons exist).</summary>
    public bool SyntheticBoundary { get; set; }

    public double? CenterLat { get; set; }
    public double? CenterLon { get; set; }

    /// <summary>Resident population, for rates per 10,000 residents.</summary>
    public int Population { get; set; }

    public static string PathOf(string? parentPath, string code) => (parentPath ?? "") + code + "/";
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.HasKey(u => u.Code);
        unit.Property(u => u.Code).HasMaxLength(12);
        unit.Property(u => u.Name).HasMaxLength(100);
        unit.Property(u => u.StreetName).HasMaxLength(100);
        unit.Property(u => u.ParentCode).HasMaxLength(12);
        unit.Property(u => u.UnitPath).HasMaxLength(64);
        unit.Property(u => u.Level).HasConversion<string>().HasMaxLength(10);
                unit.HasIndex(u => u.UnitPath);
        unit.HasIndex(u => u.ParentCode);
    }
}
