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
