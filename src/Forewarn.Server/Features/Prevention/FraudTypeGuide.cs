using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Prevention;

public enum GuideStatus { Proposed, Active, Retired, Rejected }

/// <summary>
/// One version of the knowledge-base entry (知识库) of a fraud type: what it is, its warning signs, who it targets, the
/// dissuasion script officers read on the phone and the plain warning citizens see, each in Chinese and English.
/// An edit is a proposed version that takes effect only when a second person approves it; older versions are kept.
/// Version 1 of every type is built in (<see cref="KnowledgeSeed"/>) and active until another is approved.
/// </summary>
public sealed class FraudTypeGuide
{
    public long Id { get; set; }
    public required string FraudType { get; set; }
    public int Version { get; set; }
    public GuideStatus Status { get; set; }
    public required string DescriptionZh { get; set; }
    public required string DescriptionEn { get; set; }
    /// <summary>Warning signs, one per line.</summary>
    public required string SignsZh { get; set; }
    public required string SignsEn { get; set; }
    public required string TargetsZh { get; set; }
    public required string TargetsEn { get; set; }
    public required string ScriptZh { get; set; }
    public required string ScriptEn { get; set; }
    public required string WarningZh { get; set; }
    public required string WarningEn { get; set; }
    public string? Note { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public sealed class FraudTypeGuideConfiguration : IEntityTypeConfiguration<FraudTypeGuide>
{
    public void Configure(EntityTypeBuilder<FraudTypeGuide> g)
    {
        g.Property(x => x.FraudType).HasMaxLength(40);
        g.Property(x => x.Status).HasConversion<string>().HasMaxLength(10);
        foreach (var name in new[] { nameof(FraudTypeGuide.DescriptionZh), nameof(FraudTypeGuide.DescriptionEn), nameof(FraudTypeGuide.SignsZh),
            nameof(FraudTypeGuide.SignsEn), nameof(FraudTypeGuide.TargetsZh), nameof(FraudTypeGuide.TargetsEn), nameof(FraudTypeGuide.WarningZh),
            nameof(FraudTypeGuide.WarningEn) })
        {
            g.Property(name).HasMaxLength(4000);
        }
        g.Property(x => x.ScriptZh).HasMaxLength(8000);
        g.Property(x => x.ScriptEn).HasMaxLength(8000);
        g.Property(x => x.Note).HasMaxLength(1000);
        g.Property(x => x.ProposedBy).HasMaxLength(100);
        g.Property(x => x.DecidedBy).HasMaxLength(100);
        g.HasIndex(x => new { x.FraudType, x.Version }).IsUnique();
        g.HasIndex(x => new { x.FraudType, x.Status });
    }
}

/// <summary>Reads the knowledge base: the active version of a type (stored, or the built-in one), in the caller's language.</summary>
public static class KnowledgeBase
{
    /// <summary>What callers see of one version, in the request's language.</summary>
    public sealed record Guide(string FraudType, string Name, int Version, string Status, string Description, IReadOnlyList<string> Signs, string Targets,
        string Script, string Warning);

    public static async Task<FraudTypeGuide?> ActiveAsync(AppDbContext db, string code, CancellationToken ct)
    {
        if (FraudTypes.Find(code) is null)
        {
            return null;
        }
        return await db.Set<FraudTypeGuide>().AsNoTracking().Where(g => g.FraudType == code && g.Status == GuideStatus.Active)
            .OrderByDescending(g => g.Version).FirstOrDefaultAsync(ct) ?? KnowledgeSeed.Builtin(code);
    }

    public static async Task<List<FraudTypeGuide>> AllActiveAsync(AppDbContext db, CancellationToken ct)
    {
        var stored = await db.Set<FraudTypeGuide>().AsNoTracking().Where(g => g.Status == GuideStatus.Active).ToListAsync(ct);
        return [.. FraudTypes.All.Select(t => stored.Where(g => g.FraudType == t.Code).MaxBy(g => g.Version) ?? KnowledgeSeed.Builtin(t.Code)!)];
    }

    /// <summary>The guide of a warning's or case's fraud type, for the detail answers; null when the type is unknown.</summary>
    public static async Task<Guide?> ForAsync(AppDbContext db, string? code, CancellationToken ct) =>
        code is not null && await ActiveAsync(db, code, ct) is { } g ? View(g) : null;

    public static Guide View(FraudTypeGuide g)
    {
        var type = FraudTypes.Find(g.FraudType);
        return new Guide(g.FraudType, type is null ? g.FraudType : L.T(type.Chinese, type.English), g.Version, g.Status.ToString().ToLowerInvariant(),
            L.T(g.DescriptionZh, g.DescriptionEn), Lines(L.T(g.SignsZh, g.SignsEn)), L.T(g.TargetsZh, g.TargetsEn), L.T(g.ScriptZh, g.ScriptEn),
            L.T(g.WarningZh, g.WarningEn));
    }

    public static IReadOnlyList<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
