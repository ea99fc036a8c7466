using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Identity;

/// <summary>A member of staff. Every person belongs to exactly one unit and sees that unit and those below it.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>Set for the bootstrap admin and after an admin reset: nothing works until the password is changed.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Demo accounts skip the second factor; <c>serve</c> requires it of everyone who sees personal data.</summary>
    public bool IsDemo { get; set; }

    /// <summary>The TOTP secret (base64), sealed at rest like personal data. Set at enrolment, before it is confirmed.</summary>
    [PersonalData]
    public string? TotpSecret { get; set; }

    /// <summary>Confirmed with a first code: from now on every sign-in needs one.</summary>
    public bool TotpEnabled { get; set; }

    /// <summary>The last step whose code was accepted; that step and earlier ones are refused, so no code works twice.</summary>
    public long TotpLastStep { get; set; }

    /// <summary>Everyone who sees personal data (the operational staff roles) needs a second factor, except demo accounts.</summary>
    public bool RequiresTotp(IEnumerable<string> roles) => !IsDemo && roles.Any(r => Roles.Staff.Contains(r));
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.UnitCode).HasMaxLength(12);
        user.Property(u => u.UnitPath).HasMaxLength(64);
        user.HasIndex(u => u.UnitPath);
    }
}
