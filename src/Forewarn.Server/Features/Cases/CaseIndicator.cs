using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Cases;

/// <summary>An indicator of a case (a number, account, URL … the fraudsters used); shared ones link cases into series.</summary>
public sealed class CaseIndicator
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string Type { get; set; }
    public required string Value { get; set; }

    /// <summary><c>type:value</c>, the key the series index links on.</summary>
    public string Key => Type + ":" + Value;
}

/// <summary>A victim of a case.</summary>
public sealed class CaseVictim
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    [PersonalData]
    public required string Name { get; set; }
    [PersonalData]
    public required string Phone { get; set; }
    [PersonalData]
    public string? IdNumber { get; set; }
}

public sealed class CaseIndicatorConfiguration : IEntityTypeConfiguration<CaseIndicator>
{
    public void Configure(EntityTypeBuilder<CaseIndicator> i)
    {
        i.Ignore(x => x.Key);
        i.Property(x => x.Type).HasMaxLength(10);
        i.Property(x => x.Value).HasMaxLength(300);
        i.HasIndex(x => new { x.Type, x.Value });
        i.HasIndex(x => x.CaseId);
        i.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CaseVictimConfiguration : IEntityTypeConfiguration<CaseVictim>
{
    public void Configure(EntityTypeBuilder<CaseVictim> v)
    {
        v.HasIndex(x => x.CaseId);
        v.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
