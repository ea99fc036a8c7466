using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which object, from where, with what result. Each record's
/// <see cref="Hash"/> is a keyed MAC over its fields and the previous record's hash, so editing, deleting, inserting or
/// reordering records breaks the chain, and without the key (kept outside the database) it cannot be re-forged.
/// </summary>
public sealed class AuditRecord
{
    private static long s_unsealed;

    /// <summary>
    /// The place in the chain, given when the record is sealed. Until then a temporary negative number, unique in this
    /// process, so that several unsealed records can be tracked (and saved) together.
    /// </summary>
    public long Seq { get; set; } = Unsealed();

    public bool IsSealed => Seq > 0;

    public static long Unsealed() => -Interlocked.Increment(ref s_unsealed);
    public DateTime At { get; set; }
    public required string User { get; set; }
    public required string Role { get; set; }
    public required string Unit { get; set; }
    public required string Event { get; set; }
    public string? Target { get; set; }
    public required string Result { get; set; }
    public string? Client { get; set; }
    public string? CorrelationId { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>The chain's head (seq and hash of the newest record), so cutting records off the end is detected too.</summary>
public sealed class AuditHead
{
    public int Id { get; set; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
    public required string Mac { get; set; }
}

public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> a)
    {
        a.HasKey(x => x.Seq);
        a.Property(x => x.Seq).ValueGeneratedNever();
        a.Property(x => x.User).HasMaxLength(100);
        a.Property(x => x.Role).HasMaxLength(100);
        a.Property(x => x.Unit).HasMaxLength(12);
        a.Property(x => x.Event).HasMaxLength(100);
        a.Property(x => x.Target).HasMaxLength(200);
        a.Property(x => x.Result).HasMaxLength(20);
        a.Property(x => x.Client).HasMaxLength(64);
        a.Property(x => x.CorrelationId).HasMaxLength(64);
        a.Property(x => x.PrevHash).HasMaxLength(64);
        a.Property(x => x.Hash).HasMaxLength(64);
        a.HasIndex(x => x.At);
        a.HasIndex(x => x.User);
    }
}

public sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> h)
    {
        h.Property(x => x.Id).ValueGeneratedNever();
        h.Property(x => x.Hash).HasMaxLength(64);
        h.Property(x => x.Mac).HasMaxLength(64);
    }
}
