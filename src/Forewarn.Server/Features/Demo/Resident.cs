using Microsoft.AspNetCore.Identity;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Demo;

/// <summary>
/// A synthetic resident of the demo city: the people whose phones the simulator's contact records and
/// signals are about. Never real people; names, numbers and ID numbers are generated.
/// </summary>
public sealed class Resident : IScoped
{
    public int Id { get; set; }
    [PersonalData]
    public required string Name { get; set; }
    [PersonalData]
    public required string Phone { get; set; }
    [PersonalData]
    public required string IdNumber { get; set; }
    public int Age { get; set; }
    /// <summary>The birth date read from the ID number (GB 11643 digits 7–14), so segments compute age bands in SQL on the day asked.</summary>
    public DateTime? BornOn { get; set; }
    /// <summary>Keyed hash of the normalised phone (like a warning's subject key), to find earlier victims without reading numbers.</summary>
    public string? PhoneKey { get; set; }
    public required string GridCode { get; set; }
    public required string UnitPath { get; set; }
    public double Lat { get; set; }
    public double Lon { get; set; }
}

public static class ResidentBirth
{
    /// <summary>The UTC midnight of the birth date in a valid ID number, or null.</summary>
    public static DateTime? Of(string? idNumber) =>
        Engine.Values.IdNumber.TryParse(idNumber, out var id) ? id.BirthDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : null;
}

public sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.Property(r => r.Name).HasMaxLength(40);
        resident.Property(r => r.Phone).HasMaxLength(20);
        resident.Property(r => r.IdNumber).HasMaxLength(18);
        resident.Property(r => r.GridCode).HasMaxLength(12);
        resident.Property(r => r.UnitPath).HasMaxLength(64);
        resident.Property(r => r.PhoneKey).HasMaxLength(64);
        resident.HasIndex(r => r.UnitPath);
        resident.HasIndex(r => r.PhoneKey);
    }
}
