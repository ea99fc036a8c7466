using Forewarn.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.WatchLists;

/// <summary>The watch lists of cutting the flow (断流): recruiters (招募人员) and people at risk of illegal exit (偷渡/非法出境风险人员).</summary>
public static class WatchKind
{
    public const string Recruiter = "recruiter";
    public const string ExitRisk = "exit_risk";

    public static readonly string[] All = [Recruiter, ExitRisk];

    public static string ChineseName(string kind) => kind == Recruiter ? "招募人员" : kind == ExitRisk ? "出境风险人员" : kind;
}

/// <summary>A person on a watch list, owned by a unit, to be reviewed by a date. Personal data sealed at rest and masked in answers.</summary>
public sealed class WatchEntry : IScoped
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    [PersonalData]
    public required string Name { get; set; }
    [PersonalData]
    public string? IdNumber { get; set; }
    [PersonalData]
    public string? Phone { get; set; }
    public string? IdKey { get; set; }
    public string? PhoneKey { get; set; }
    public required string Reason { get; set; }
    /// <summary>The day (China time, stored as that day's UTC start) by which the entry must be looked at again.</summary>
    public DateTime ReviewBy { get; set; }
    /// <summary><c>active</c>, or <c>removed</c> once a review takes the person off the list.</summary>
    public required string Status { get; set; }
    public long? SuspectId { get; set; }
    public DateTime? LastReviewedAt { get; set; }
    public string? LastReviewedBy { get; set; }
    public string? LastReviewNote { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

public sealed class WatchEntryConfiguration : IEntityTypeConfiguration<WatchEntry>
{
    public void Configure(EntityTypeBuilder<WatchEntry> w)
    {
        w.Property(x => x.Kind).HasMaxLength(12);
        w.Property(x => x.IdKey).HasMaxLength(64);
        w.Property(x => x.PhoneKey).HasMaxLength(64);
        w.Property(x => x.Reason).HasMaxLength(2000);
        w.Property(x => x.Status).HasMaxLength(10);
        w.Property(x => x.LastReviewedBy).HasMaxLength(100);
        w.Property(x => x.LastReviewNote).HasMaxLength(2000);
        w.Property(x => x.UnitCode).HasMaxLength(12);
        w.Property(x => x.UnitPath).HasMaxLength(64);
        w.Property(x => x.CreatedBy).HasMaxLength(100);
        w.HasIndex(x => new { x.Status, x.ReviewBy });
        w.HasIndex(x => x.UnitPath);
        w.HasIndex(x => x.IdKey);
    }
}
