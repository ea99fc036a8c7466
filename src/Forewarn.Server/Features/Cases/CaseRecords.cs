using Forewarn.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Cases;

/// <summary>One status change of a case, with who and when: the case's history.</summary>
public sealed class CaseStatusChange : IScoped
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    /// <summary>When it happened (破案时间 may be earlier than when it was recorded).</summary>
    public DateTime At { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string By { get; set; }
    public string? Note { get; set; }
    public required string UnitPath { get; set; }
}

/// <summary>An evidence file of a case (证据材料): stored in the database, sealed at rest like all personal data.</summary>
public sealed class CaseEvidence : IScoped
{
    public long Id { get; set; }
    public long CaseId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public required string Sha256 { get; set; }
    [PersonalData]
    public required byte[] Content { get; set; }
    public string? Note { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class CaseStatusChangeConfiguration : IEntityTypeConfiguration<CaseStatusChange>
{
    public void Configure(EntityTypeBuilder<CaseStatusChange> c)
    {
        c.Property(x => x.From).HasMaxLength(20);
        c.Property(x => x.To).HasMaxLength(20);
        c.Property(x => x.By).HasMaxLength(100);
        c.Property(x => x.Note).HasMaxLength(2000);
        c.Property(x => x.UnitPath).HasMaxLength(64);
        c.HasIndex(x => x.CaseId);
        c.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CaseEvidenceConfiguration : IEntityTypeConfiguration<CaseEvidence>
{
    public void Configure(EntityTypeBuilder<CaseEvidence> e)
    {
        e.Property(x => x.FileName).HasMaxLength(200);
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.By).HasMaxLength(100);
        e.Property(x => x.UnitPath).HasMaxLength(64);
        e.HasIndex(x => x.CaseId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
