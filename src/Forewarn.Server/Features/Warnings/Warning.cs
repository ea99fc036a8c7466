using Microsoft.AspNetCore.Identity;
using Forewarn.Engine.Dissuasion;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Warnings;

/// <summary>
/// An early warning (预警) about one subject: the signals that joined it, the level they earned and why,
/// the unit it was routed to, and everything done about it since.
/// </summary>
public sealed class Warning : IScoped
{
    public long Id { get; set; }
    public RiskLevel Level { get; set; }
    public WarningStatus Status { get; set; }

    /// <summary>Keyed hash of the subject's normalised phone number: correlation joins on it without reading the number.</summary>
    public required string SubjectKey { get; set; }
    [PersonalData]
    public required string SubjectPhone { get; set; }
    [PersonalData]
    public string? SubjectName { get; set; }
    [PersonalData]
    public string? SubjectIdNumber { get; set; }
    public int? SubjectAge { get; set; }
    [PersonalData]
    public string? SubjectAddress { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    /// <summary>Which location rule decided the unit (point, adminCode, address, idNumber, phoneSegment, outside, unknown).</summary>
    public required string RouteRule { get; set; }
    public string? RouteEvidence { get; set; }

    public int RuleSetVersion { get; set; }
    /// <summary>JSON array of the reasons that fired: rule id, level, signal ids and the matched facts.</summary>
    public required string Reasons { get; set; }
    public string? FraudType { get; set; }

    public DateTime OpenedAt { get; set; }
    public DateTime LastSignalAt { get; set; }
    /// <summary>When the current level was reached: the SLA clock of that level starts here.</summary>
    public DateTime LevelSince { get; set; }
    public DateTime? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public int SignalCount { get; set; }

    /// <summary>Where the dissuasion work stands (签收 → … → 反馈).</summary>
    public DissuasionStep Step { get; set; }
    /// <summary>Claim and lock: the one officer working it now.</summary>
    public string? ClaimedBy { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? SignedForAt { get; set; }
    public string? SignedForBy { get; set; }
    public DateTime? FirstContactAt { get; set; }
    public DateTime? FaceToFaceAt { get; set; }
    /// <summary>The subject was reached (by phone, a relative or in person) — before any loss if the outcome is not defrauded.</summary>
    public DateTime? ReachedAt { get; set; }
    public long? LossFen { get; set; }
    public long? StoppedFen { get; set; }
    public int PolicyVersion { get; set; } = 1;

    /// <summary>Optimistic concurrency: two intakes or two officers changing one warning can't both win silently.</summary>
    public Guid Revision { get; set; }

    public List<WarningEvent> Timeline { get; set; } = [];
}

public enum WarningStatus { Open, Closed }

public sealed class WarningConfiguration : IEntityTypeConfiguration<Warning>
{
    public void Configure(EntityTypeBuilder<Warning> warning)
    {
        warning.Property(w => w.Level).HasConversion<string>().HasMaxLength(10);
        warning.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        warning.Property(w => w.SubjectKey).HasMaxLength(64);
        warning.Property(w => w.SubjectPhone).HasMaxLength(20);
        warning.Property(w => w.SubjectName).HasMaxLength(100);
        warning.Property(w => w.SubjectIdNumber).HasMaxLength(18);
        warning.Property(w => w.SubjectAddress).HasMaxLength(300);
        warning.Property(w => w.UnitCode).HasMaxLength(12);
        warning.Property(w => w.UnitPath).HasMaxLength(64);
        warning.Property(w => w.RouteRule).HasMaxLength(20);
        warning.Property(w => w.RouteEvidence).HasMaxLength(20);
        warning.Property(w => w.FraudType).HasMaxLength(40);
        warning.Property(w => w.Outcome).HasMaxLength(20);
        warning.Property(w => w.Step).HasConversion<string>().HasMaxLength(20);
        warning.Property(w => w.ClaimedBy).HasMaxLength(100);
        warning.Property(w => w.SignedForBy).HasMaxLength(100);
        warning.Property(w => w.Revision).IsConcurrencyToken();
        warning.HasIndex(w => new { w.SubjectKey, w.Status });
        warning.HasIndex(w => new { w.UnitPath, w.Status, w.Level });
        warning.HasIndex(w => w.OpenedAt);
    }
}
