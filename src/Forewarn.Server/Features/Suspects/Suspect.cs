using Forewarn.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Suspects;

/// <summary>The roles fraud gangs have (DESIGN §5). Closed: a role outside this list is refused.</summary>
public enum SuspectRole
{
    /// <summary>金主: finances the operation.</summary>
    Financier,
    /// <summary>组织者: organises and leads.</summary>
    Organiser,
    /// <summary>骨干: core member.</summary>
    CoreMember,
    /// <summary>话务员: makes the scam calls and chats.</summary>
    Caller,
    /// <summary>网付操作: runs the payment side (accounts, gateways).</summary>
    PaymentOperator,
    /// <summary>测卡员: tests bought bank cards and SIMs.</summary>
    CardTester,
    /// <summary>招募员: recruits members, often for work abroad.</summary>
    Recruiter,
    /// <summary>车手: withdraws or moves the money (cash-out mule).</summary>
    CashMule,
    /// <summary>卡农: sells or rents out their own bank cards or SIMs.</summary>
    CardFarmer,
    /// <summary>看守: guards the den and its people.</summary>
    Guard,
}

public static class SuspectRoles
{
    private static readonly Dictionary<SuspectRole, (string Wire, string Chinese)> Names = new()
    {
        [SuspectRole.Financier] = ("financier", "金主"),
        [SuspectRole.Organiser] = ("organiser", "组织者"),
        [SuspectRole.CoreMember] = ("core_member", "骨干"),
        [SuspectRole.Caller] = ("caller", "话务员"),
        [SuspectRole.PaymentOperator] = ("payment_operator", "网付操作"),
        [SuspectRole.CardTester] = ("card_tester", "测卡员"),
        [SuspectRole.Recruiter] = ("recruiter", "招募员"),
        [SuspectRole.CashMule] = ("cash_mule", "车手"),
        [SuspectRole.CardFarmer] = ("card_farmer", "卡农"),
        [SuspectRole.Guard] = ("guard", "看守"),
    };

    public static IEnumerable<SuspectRole> All => Names.Keys;

    public static string Wire(SuspectRole role) => Names[role].Wire;

    public static string ChineseName(SuspectRole role) => Names[role].Chinese;

    /// <summary>Accepts the wire name or the Chinese label.</summary>
    public static bool TryParse(string? text, out SuspectRole role)
    {
        foreach (var (r, (wire, chinese)) in Names)
        {
            if (string.Equals(text?.Trim(), wire, StringComparison.OrdinalIgnoreCase) || text?.Trim() == chinese)
            {
                role = r;
                return true;
            }
        }
        role = default;
        return false;
    }

    public static string Choices => string.Join("、", Names.Values.Select(n => $"{n.Wire}（{n.Chinese}）"));
}

/// <summary>Where a suspect stands: at large (在逃/未到案) → arrested (已抓获) → transferred for prosecution (已移送起诉).</summary>
public static class SuspectStatus
{
    public const string AtLarge = "at_large";
    public const string Arrested = "arrested";
    public const string Prosecuted = "prosecuted";

    public static readonly string[] All = [AtLarge, Arrested, Prosecuted];
}

/// <summary>A suspect (嫌疑人). Personal data: name, ID number and phone are sealed at rest and found by keyed hash.</summary>
public sealed class Suspect : IScoped
{
    public long Id { get; set; }
    [PersonalData]
    public required string Name { get; set; }
    [PersonalData]
    public string? IdNumber { get; set; }
    [PersonalData]
    public string? Phone { get; set; }
    public string? IdKey { get; set; }
    public string? PhoneKey { get; set; }
    public string? Alias { get; set; }
    public required string Status { get; set; }
    public string? Note { get; set; }
    public DateTime? ArrestedAt { get; set; }
    /// <summary>When the case file went to the procuratorate (移送起诉), and to which.</summary>
    public DateTime? ProsecutedAt { get; set; }
    public string? Procuratorate { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>A suspect is linked to a case.</summary>
public sealed class SuspectCase
{
    public long Id { get; set; }
    public long SuspectId { get; set; }
    public long CaseId { get; set; }
}

/// <summary>A suspect used an indicator (number, account, URL …).</summary>
public sealed class SuspectIndicator
{
    public long Id { get; set; }
    public long SuspectId { get; set; }
    public required string Type { get; set; }
    public required string Value { get; set; }
}

/// <summary>A fraud group (团伙).</summary>
public sealed class FraudGroup : IScoped
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Note { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>A suspect's membership of a group, with their role in it.</summary>
public sealed class GroupMember
{
    public long Id { get; set; }
    public long GroupId { get; set; }
    public long SuspectId { get; set; }
    public SuspectRole Role { get; set; }
}

/// <summary>An arrest (抓获): when and by which unit. Scoped to the arresting unit, whose statistics count it.</summary>
public sealed class Arrest : IScoped
{
    public long Id { get; set; }
    public long SuspectId { get; set; }
    public DateTime At { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTime RecordedAt { get; set; }
}

public sealed class SuspectConfiguration : IEntityTypeConfiguration<Suspect>
{
    public void Configure(EntityTypeBuilder<Suspect> s)
    {
        s.Property(x => x.IdKey).HasMaxLength(64);
        s.Property(x => x.PhoneKey).HasMaxLength(64);
        s.Property(x => x.Alias).HasMaxLength(100);
        s.Property(x => x.Status).HasMaxLength(20);
        s.Property(x => x.Note).HasMaxLength(2000);
        s.Property(x => x.Procuratorate).HasMaxLength(100);
        s.Property(x => x.UnitCode).HasMaxLength(12);
        s.Property(x => x.UnitPath).HasMaxLength(64);
        s.Property(x => x.CreatedBy).HasMaxLength(100);
        s.HasIndex(x => x.UnitPath);
        s.HasIndex(x => x.IdKey);
        s.HasIndex(x => x.PhoneKey);
    }
}

public sealed class SuspectCaseConfiguration : IEntityTypeConfiguration<SuspectCase>
{
    public void Configure(EntityTypeBuilder<SuspectCase> l)
    {
        l.HasIndex(x => new { x.SuspectId, x.CaseId }).IsUnique();
        l.HasIndex(x => x.CaseId);
        l.HasOne<Suspect>().WithMany().HasForeignKey(x => x.SuspectId).OnDelete(DeleteBehavior.Cascade);
        l.HasOne<Cases.Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SuspectIndicatorConfiguration : IEntityTypeConfiguration<SuspectIndicator>
{
    public void Configure(EntityTypeBuilder<SuspectIndicator> i)
    {
        i.Property(x => x.Type).HasMaxLength(10);
        i.Property(x => x.Value).HasMaxLength(300);
        i.HasIndex(x => new { x.SuspectId, x.Type, x.Value }).IsUnique();
        i.HasIndex(x => new { x.Type, x.Value });
        i.HasOne<Suspect>().WithMany().HasForeignKey(x => x.SuspectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FraudGroupConfiguration : IEntityTypeConfiguration<FraudGroup>
{
    public void Configure(EntityTypeBuilder<FraudGroup> g)
    {
        g.Property(x => x.Name).HasMaxLength(100);
        g.Property(x => x.Note).HasMaxLength(2000);
        g.Property(x => x.UnitCode).HasMaxLength(12);
        g.Property(x => x.UnitPath).HasMaxLength(64);
        g.Property(x => x.CreatedBy).HasMaxLength(100);
        g.HasIndex(x => x.UnitPath);
    }
}

public sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> m)
    {
        m.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        m.HasIndex(x => new { x.GroupId, x.SuspectId }).IsUnique();
        m.HasIndex(x => x.SuspectId);
        m.HasOne<FraudGroup>().WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<Suspect>().WithMany().HasForeignKey(x => x.SuspectId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArrestConfiguration : IEntityTypeConfiguration<Arrest>
{
    public void Configure(EntityTypeBuilder<Arrest> a)
    {
        a.Property(x => x.UnitCode).HasMaxLength(12);
        a.Property(x => x.UnitPath).HasMaxLength(64);
        a.Property(x => x.Note).HasMaxLength(2000);
        a.Property(x => x.By).HasMaxLength(100);
        // One arrest per suspect: recording it twice is a conflict, not a second arrest.
        a.HasIndex(x => x.SuspectId).IsUnique();
        a.HasIndex(x => x.At);
        a.HasOne<Suspect>().WithMany().HasForeignKey(x => x.SuspectId).OnDelete(DeleteBehavior.Cascade);
    }
}
