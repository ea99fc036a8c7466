using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Public;

/// <summary>
/// A file a citizen attached to a scam report (a screenshot, a transfer receipt, a PDF), sealed at rest like every personal field and
/// readable only by the staff who review reports. The type comes from the file's first bytes, never from what the sender claims.
/// </summary>
public sealed class ReportEvidence : IScoped
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public required string ContentType { get; set; }
    public required string Sha256 { get; set; }
    public int Size { get; set; }
    [PersonalData]
    public required byte[] Content { get; set; }
    public DateTime ReceivedAt { get; set; }
    public required string UnitPath { get; set; }

    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxFiles = 3;

    /// <summary>JPEG, PNG, WebP or PDF by their magic bytes, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        _ => null,
    };

    /// <summary><c>GET /api/v1/public-reports/{id}/evidence/{evidenceId}</c> — one attached file, for the reviewer; never cached.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(long id, long evidenceId, AppDbContext db, HttpResponse response,
        CancellationToken ct)
    {
        var e = await db.Set<ReportEvidence>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evidenceId && x.ReportId == id, ct);
        if (e is null)
        {
            return Problems.NotFound();
        }
        response.Headers.CacheControl = "no-store";
        // Shown as an attachment: a PDF from the public must not render inside the application's origin.
        return TypedResults.File(e.Content, e.ContentType, $"report-{id}-{evidenceId}" + (e.ContentType == "application/pdf" ? ".pdf" : ""));
    }
}

public sealed class ReportEvidenceConfiguration : IEntityTypeConfiguration<ReportEvidence>
{
    public void Configure(EntityTypeBuilder<ReportEvidence> e)
    {
        e.Property(x => x.ContentType).HasMaxLength(40);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UnitPath).HasMaxLength(64);
        e.HasIndex(x => x.ReportId);
        e.HasOne<PublicReport>().WithMany().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
