using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>A relative or guardian on file for a subject, offered when the subject cannot be reached.</summary>
public sealed class Relative : IScoped
{
    public long Id { get; set; }
    /// <summary>The subject's keyed phone hash, so the relative follows the person across warnings.</summary>
    public required string SubjectKey { get; set; }
    [PersonalData]
    public required string Name { get; set; }
    [PersonalData]
    public required string Phone { get; set; }
    public required string Relation { get; set; }
    public required string UnitPath { get; set; }
}

public sealed class RelativeConfiguration : IEntityTypeConfiguration<Relative>
{
    public void Configure(EntityTypeBuilder<Relative> r)
    {
        r.Property(x => x.SubjectKey).HasMaxLength(64);
        r.Property(x => x.Name).HasMaxLength(100);
        r.Property(x => x.Phone).HasMaxLength(20);
        r.Property(x => x.Relation).HasMaxLength(20);
        r.Property(x => x.UnitPath).HasMaxLength(64);
        r.HasIndex(x => x.SubjectKey);
    }
}
