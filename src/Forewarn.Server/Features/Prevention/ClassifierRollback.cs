using Forewarn.Server.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// A step back from the active classifier version (模型回退): one person proposes taking it out of use, either for an earlier
/// version a second person had approved or for none (public reports are then typed by keywords again), with a reason; a
/// second person approves it, as with putting a version to use. With no version in use, the same puts an earlier one back.
/// </summary>
public sealed class ClassifierRollback
{
    public int Id { get; set; }
    /// <summary>
    /// The active version when the step back was proposed, or null when the keyword classifier was answering; approval fails
    /// once that has changed.
    /// </summary>
    public int? FromVersion { get; set; }
    /// <summary>The earlier approved version put back to use, or null for the keyword classifier.</summary>
    public int? ToVersion { get; set; }
    public required string Reason { get; set; }
    public required string Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public static class RollbackStatus
{
    public const string Proposed = "proposed";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static string Name(string status) => status switch
    {
        Proposed => L.T("待审批", "Awaiting approval"),
        Approved => L.T("已生效", "Done"),
        Rejected => L.T("已驳回", "Rejected"),
        _ => status,
    };
}

public sealed class ClassifierRollbackConfiguration : IEntityTypeConfiguration<ClassifierRollback>
{
    public void Configure(EntityTypeBuilder<ClassifierRollback> r)
    {
        r.ToTable("ClassifierRollbacks");
        r.Property(x => x.Reason).HasMaxLength(500);
        r.Property(x => x.Status).HasMaxLength(10);
        r.Property(x => x.RequestedBy).HasMaxLength(100);
        r.Property(x => x.DecidedBy).HasMaxLength(100);
        r.HasIndex(x => x.Status);
    }
}
