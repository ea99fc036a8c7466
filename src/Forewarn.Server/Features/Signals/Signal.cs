using Microsoft.AspNetCore.Identity;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Signals;

/// <summary>One accepted signal about a subject, exactly as the source sent it, normalised.</summary>
public sealed class Signal : IScoped
{
    public long Id { get; set; }
    public int ClientId { get; set; }
    public required string ExternalId { get; set; }
    public SignalType Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }

    public required string SubjectKey { get; set; }
    [PersonalData]
    public required string SubjectPhone { get; set; }
    [PersonalData]
    public string? SubjectName { get; set; }
    [PersonalData]
    public string? SubjectIdNumber { get; set; }
    public int? SubjectAge { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public string? AdminCode { get; set; }
    [PersonalData]
    public string? Address { get; set; }

    public IndicatorType? CounterpartyType { get; set; }
    public string? Counterparty { get; set; }
    /// <summary>The blacklist's verdict on the counterparty when the signal arrived.</summary>
    public bool CounterpartyBlacklisted { get; set; }
    public int? DurationSeconds { get; set; }
    public long? AmountFen { get; set; }
    public RiskLevel? ClueLevel { get; set; }
    public bool Urgent { get; set; }
    public string? FraudType { get; set; }
    [PersonalData]
    public string? Note { get; set; }

    public long? WarningId { get; set; }
    public Warning? Warning { get; set; }
    public required string UnitPath { get; set; }

    public SignalFact ToFact() => new(ExternalId, Type, OccurredAt, CounterpartyType, Counterparty,
        CounterpartyBlacklisted, DurationSeconds, AmountFen, ClueLevel, Urgent);
}

public sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> signal)
    {
        signal.Property(s => s.ExternalId).HasMaxLength(100);
        signal.Property(s => s.Type).HasConversion<string>().HasMaxLength(12);
        signal.Property(s => s.SubjectKey).HasMaxLength(64);
        signal.Property(s => s.SubjectPhone).HasMaxLength(20);
        signal.Property(s => s.SubjectName).HasMaxLength(100);
        signal.Property(s => s.SubjectIdNumber).HasMaxLength(18);
        signal.Property(s => s.AdminCode).HasMaxLength(12);
        signal.Property(s => s.Address).HasMaxLength(300);
        signal.Property(s => s.CounterpartyType).HasConversion<string>().HasMaxLength(10);
        signal.Property(s => s.Counterparty).HasMaxLength(300);
        signal.Property(s => s.ClueLevel).HasConversion<string>().HasMaxLength(10);
        signal.Property(s => s.FraudType).HasMaxLength(40);
        signal.Property(s => s.Note).HasMaxLength(1000);
        signal.Property(s => s.UnitPath).HasMaxLength(64);
        // Idempotency is this index, not a check-then-insert: a replay can never store a second row.
        signal.HasIndex(s => new { s.ClientId, s.ExternalId }).IsUnique();
        signal.HasIndex(s => new { s.SubjectKey, s.OccurredAt });
        signal.HasIndex(s => s.WarningId);
        signal.HasOne(s => s.Warning).WithMany().HasForeignKey(s => s.WarningId).OnDelete(DeleteBehavior.Restrict);
    }
}
