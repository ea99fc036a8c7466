using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Cases;

/// <summary>A fraud case (案件). Opened by hand or when a warning closes as already defrauded.</summary>
public sealed class Case : IScoped
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public string? FraudType { get; set; }
    public DateTime OccurredAt { get; set; }
    public long LossFen { get; set; }
    public long StoppedFen { get; set; }
    [PersonalData]
    public string? Narrative { get; set; }
    /// <summary>The victim's keyed phone hash, for "no loss reported within 30 days" and earlier-victim checks.</summary>
    public string? VictimKey { get; set; }
    public long? WarningId { get; set; }
    public required string Status { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>When the case was solved (破案); set by a status change.</summary>
    public DateTime? SolvedAt { get; set; }
    /// <summary>When the case was closed (结案/撤案) without or after solving.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>The case's number in the system it was imported from; unique, so a re-imported file adds nothing twice.</summary>
    public string? ExternalId { get; set; }
}

/// <summary>Case statuses: open (在办) → solved (已破案) → closed (已结案); open → closed directly when dropped.</summary>
public static class CaseStatus
{
    public const string Open = "open";
    public const string Solved = "solved";
    public const string Closed = "closed";

    public static readonly string[] All = [Open, Solved, Closed];

    public static bool CanMove(string from, string to) => (from, to) is (Open, Solved) or (Open, Closed) or (Solved, Closed);

    public static string ChineseName(string status) => status switch
    {
        Open => "在办",
        Solved => "已破案",
        Closed => "已结案",
        _ => status,
    };
}

public sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> c)
    {
        c.Property(x => x.Title).HasMaxLength(200);
        c.Property(x => x.FraudType).HasMaxLength(40);
        c.Property(x => x.Narrative).HasMaxLength(10_000);
        c.Property(x => x.VictimKey).HasMaxLength(64);
        c.Property(x => x.Status).HasMaxLength(20);
        c.Property(x => x.UnitCode).HasMaxLength(12);
        c.Property(x => x.UnitPath).HasMaxLength(64);
        c.Property(x => x.CreatedBy).HasMaxLength(100);
        c.HasIndex(x => x.UnitPath);
        c.HasIndex(x => x.VictimKey);
        c.HasIndex(x => x.WarningId);
        c.Property(x => x.ExternalId).HasMaxLength(64);
        c.HasIndex(x => x.ExternalId).IsUnique();
        c.HasIndex(x => x.CreatedAt);
    }
}
