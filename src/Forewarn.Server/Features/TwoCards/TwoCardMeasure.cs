using Forewarn.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>The two kinds of card (两卡): a SIM card (phone number, 电话卡) and a bank card (account, 银行卡).</summary>
public static class CardKind
{
    public const string Sim = "sim";
    public const string Bank = "bank";
}

/// <summary>Measure statuses: in force (active) until it expires on time (expired) or is lifted early on appeal or restore (restored, 解除).</summary>
public static class MeasureStatus
{
    public const string Active = "active";
    public const string Expired = "expired";
    public const string Restored = "restored";

    public static readonly string[] All = [Active, Expired, Restored];

    public static string ChineseName(string status) => status switch
    {
        Active => "惩戒中",
        Expired => "已到期",
        Restored => "已解除",
        _ => status,
    };
}

/// <summary>
/// A punishment of a two-card holder (两卡惩戒) for one card: financial disciplinary measures (金融惩戒: the banks restrict the holder's
/// accounts) and/or the communication blacklist (通信惩戒: the operators restrict the holder's numbers), for the statutory period of 2, 3 or
/// 5 years from the start. While in force the card is a confirmed indicator; when it ends the indicator is withdrawn.
/// Holder and card are personal data: sealed at rest, masked in answers, found by keyed hash.
/// </summary>
public sealed class TwoCardMeasure : IScoped
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    /// <summary>The phone number (SIM) or the account / card number (bank), normalised.</summary>
    [PersonalData]
    public required string Number { get; set; }
    public required string NumberKey { get; set; }
    /// <summary>The bank or operator that issued the card.</summary>
    public string? Issuer { get; set; }
    [PersonalData]
    public required string HolderName { get; set; }
    [PersonalData]
    public string? HolderIdNumber { get; set; }
    public string? HolderIdKey { get; set; }
    public bool Financial { get; set; }
    public bool Communication { get; set; }
    public int Years { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public required string Status { get; set; }
    public string? Basis { get; set; }
    public long? CaseId { get; set; }
    public long? SuspectId { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>Changes on every write, so two nodes ending the same measure cannot both succeed.</summary>
    public Guid Revision { get; set; }
}

/// <summary>An appeal (申诉) or a restore request (解除申请) about a measure, decided by a second person (maker-checker).</summary>
public sealed class TwoCardReview : IScoped
{
    public long Id { get; set; }
    public long MeasureId { get; set; }
    /// <summary><c>appeal</c> (the holder contests it) or <c>restore</c> (lift it early).</summary>
    public required string Kind { get; set; }
    public required string Reason { get; set; }
    /// <summary><c>pending</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public required string Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class TwoCardMeasureConfiguration : IEntityTypeConfiguration<TwoCardMeasure>
{
    public void Configure(EntityTypeBuilder<TwoCardMeasure> m)
    {
        m.Property(x => x.Kind).HasMaxLength(8);
        m.Property(x => x.NumberKey).HasMaxLength(64);
        m.Property(x => x.HolderIdKey).HasMaxLength(64);
        m.Property(x => x.Issuer).HasMaxLength(100);
        m.Property(x => x.Status).HasMaxLength(12);
        m.Property(x => x.Basis).HasMaxLength(2000);
        m.Property(x => x.EndedBy).HasMaxLength(100);
        m.Property(x => x.UnitCode).HasMaxLength(12);
        m.Property(x => x.UnitPath).HasMaxLength(64);
        m.Property(x => x.CreatedBy).HasMaxLength(100);
        m.Property(x => x.Revision).IsConcurrencyToken();
        m.HasIndex(x => new { x.Kind, x.NumberKey });
        m.HasIndex(x => x.HolderIdKey);
        m.HasIndex(x => new { x.Status, x.ExpiresAt });
        m.HasIndex(x => x.UnitPath);
    }
}

public sealed class TwoCardReviewConfiguration : IEntityTypeConfiguration<TwoCardReview>
{
    public void Configure(EntityTypeBuilder<TwoCardReview> r)
    {
        r.Property(x => x.Kind).HasMaxLength(8);
        r.Property(x => x.Reason).HasMaxLength(2000);
        r.Property(x => x.Status).HasMaxLength(10);
        r.Property(x => x.RequestedBy).HasMaxLength(100);
        r.Property(x => x.DecidedBy).HasMaxLength(100);
        r.Property(x => x.DecisionNote).HasMaxLength(2000);
        r.Property(x => x.UnitPath).HasMaxLength(64);
        r.HasIndex(x => new { x.MeasureId, x.Status });
        r.HasOne<TwoCardMeasure>().WithMany().HasForeignKey(x => x.MeasureId).OnDelete(DeleteBehavior.Cascade);
    }
}
