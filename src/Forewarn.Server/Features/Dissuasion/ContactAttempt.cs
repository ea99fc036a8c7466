using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>One entry of the contact-attempt ledger: who tried to reach the subject, how, when, and what happened.</summary>
public sealed class ContactAttempt : IScoped
{
    public long Id { get; set; }
    public long WarningId { get; set; }
    public required string Channel { get; set; }
    public required string Result { get; set; }
    public DateTime At { get; set; }
    public required string By { get; set; }
    [PersonalData]
    public string? Note { get; set; }
    public required string UnitPath { get; set; }

    public static readonly string[] Channels = ["call", "robocall", "sms", "visit", "relative", "operator", "bank"];
    public static readonly string[] Results = ["reached", "busy", "no_answer", "wrong_number", "refused"];
}

public sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    public void Configure(EntityTypeBuilder<ContactAttempt> a)
    {
        a.Property(x => x.Channel).HasMaxLength(12);
        a.Property(x => x.Result).HasMaxLength(14);
        a.Property(x => x.By).HasMaxLength(100);
        a.Property(x => x.Note).HasMaxLength(1000);
        a.Property(x => x.UnitPath).HasMaxLength(64);
        a.HasIndex(x => x.WarningId);
        a.HasOne<Warnings.Warning>().WithMany().HasForeignKey(x => x.WarningId).OnDelete(DeleteBehavior.Cascade);
    }
}
