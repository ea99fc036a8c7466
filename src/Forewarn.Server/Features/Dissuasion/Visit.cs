using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>A field visit (上门) with its evidence: when, where, what was found, a photo and the subject's signature.</summary>
public sealed class Visit : IScoped
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public DateTime At { get; set; }
    public double Lat { get; set; }
    public double Lon { get; set; }
    /// <summary><c>not_found</c> (上门寻找), <c>verified</c> (核实身份) or <c>warned</c> (会面宣防).</summary>
    public required string Result { get; set; }
    [PersonalData]
    public string? Note { get; set; }
    public long? PhotoId { get; set; }
    public long? SignatureId { get; set; }
    public required string By { get; set; }
    public required string UnitPath { get; set; }

    public static readonly string[] Results = ["not_found", "verified", "warned"];
}

/// <summary>An evidence file (photo, signature), kept in the database so a backup holds it with its records.</summary>
public sealed class Evidence : IScoped
{
    public long Id { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }
    [PersonalData]
    public required byte[] Content { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> v)
    {
        v.Property(x => x.Result).HasMaxLength(12);
        v.Property(x => x.Note).HasMaxLength(2000);
        v.Property(x => x.By).HasMaxLength(100);
        v.Property(x => x.UnitPath).HasMaxLength(64);
        v.HasIndex(x => x.WarningId);
        v.HasOne<Warnings.Warning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> e)
    {
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.UnitPath).HasMaxLength(64);
    }
}
