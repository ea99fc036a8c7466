using Forewarn.Server.Data;
using Forewarn.Server.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// A segment (重点人群) for precise drip irrigation (精准滴灌): residents of an area (district, station or grid), optionally of an age
/// band, living where warnings or cases of given fraud types arose recently, or who were victims before. Only the definition is
/// stored; counts and target lists are computed in SQL whenever asked, so they are always current.
/// </summary>
public sealed class Segment : IScoped
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>The area's unit path: the segment belongs to it, and only residents below it are counted.</summary>
    public required string UnitPath { get; set; }
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    /// <summary>Comma-separated fraud type codes; residents count only where such warnings or cases arose within <see cref="WindowDays"/>.</summary>
    public string? FraudTypes { get; set; }
    public int WindowDays { get; set; } = 30;
    /// <summary>Only residents who were victims before (a case, or a warning closed as defrauded).</summary>
    public bool EarlierVictims { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> FraudTypeList => FraudTypes is { Length: > 0 } f ? f.Split(',') : [];
}

public sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> s)
    {
        s.Ignore(x => x.FraudTypeList);
        s.Property(x => x.Name).HasMaxLength(100);
        s.Property(x => x.UnitCode).HasMaxLength(12);
        s.Property(x => x.UnitPath).HasMaxLength(64);
        s.Property(x => x.FraudTypes).HasMaxLength(400);
        s.Property(x => x.CreatedBy).HasMaxLength(100);
        s.HasIndex(x => x.UnitPath);
    }
}

/// <summary>The SQL behind a segment: which residents it holds, and its counts by age band and grid.</summary>
public static class SegmentQuery
{
    /// <summary>A warning or case marks an area only when it reached a station or a grid (nine or more digits), not a whole district.</summary>
    public const int FinestAreaCodeLength = 9;

    public static readonly string[] Bands = ["0-17", "18-39", "40-59", "60-64", "65+", "unknown"];

    public sealed record Counts(int Total, IReadOnlyDictionary<string, int> ByAgeBand, IReadOnlyList<GridCount> ByGrid);

    public sealed record GridCount(string Code, string? Name, int Count);

    public static IQueryable<Resident> Residents(AppDbContext db, Segment s, DateTime now)
    {
        var path = s.UnitPath;
        var q = db.Residents.AsNoTracking().Where(r => r.UnitPath.StartsWith(path));
        var today = now.Date;
        if (s.MinAge is { } min)
        {
            // Aged at least min today: born on or before today minus min years.
            var bornBy = today.AddYears(-min);
            q = q.Where(r => r.BornOn != null && r.BornOn <= bornBy);
        }
        if (s.MaxAge is { } max)
        {
            var bornAfter = today.AddYears(-(max + 1));
            q = q.Where(r => r.BornOn != null && r.BornOn > bornAfter);
        }
        if (s.FraudTypeList is { Count: > 0 } types)
        {
            var since = now.AddDays(-s.WindowDays);
            var warnings = db.Warnings.Where(w => w.FraudType != null && types.Contains(w.FraudType) && w.OpenedAt >= since && w.OpenedAt <= now
                && w.UnitCode.Length >= FinestAreaCodeLength);
            var cases = db.Cases.Where(c => c.FraudType != null && types.Contains(c.FraudType) && c.OccurredAt >= since && c.OccurredAt <= now
                && c.UnitCode.Length >= FinestAreaCodeLength);
            q = q.Where(r => warnings.Any(w => r.UnitPath.StartsWith(w.UnitPath)) || cases.Any(c => r.UnitPath.StartsWith(c.UnitPath)));
        }
        if (s.EarlierVictims)
        {
            q = q.Where(r => r.PhoneKey != null && (db.Cases.Any(c => c.VictimKey == r.PhoneKey)
                || db.Warnings.Any(w => w.SubjectKey == r.PhoneKey && w.Outcome == "defrauded")));
        }
        return q;
    }

    public static async Task<Counts> CountAsync(AppDbContext db, Segment s, DateTime now, bool detail, CancellationToken ct)
    {
        var q = Residents(db, s, now);
        if (!detail)
        {
            return new Counts(await q.CountAsync(ct), new Dictionary<string, int>(), []);
        }
        var today = now.Date;
        DateTime b18 = today.AddYears(-18), b40 = today.AddYears(-40), b60 = today.AddYears(-60), b65 = today.AddYears(-65);
        var bands = await q.GroupBy(r => r.BornOn == null ? "unknown" : r.BornOn > b18 ? "0-17" : r.BornOn > b40 ? "18-39" : r.BornOn > b60 ? "40-59"
                : r.BornOn > b65 ? "60-64" : "65+")
            .Select(g => new { Band = g.Key, Count = g.Count() }).ToListAsync(ct);
        var grids = await q.GroupBy(r => r.GridCode).Select(g => new { Code = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Code).Take(100).ToListAsync(ct);
        var codes = grids.Select(g => g.Code).ToList();
        var names = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Name, ct);
        return new Counts(bands.Sum(b => b.Count), Bands.ToDictionary(b => b, b => bands.FirstOrDefault(x => x.Band == b)?.Count ?? 0),
            [.. grids.Select(g => new GridCount(g.Code, names.GetValueOrDefault(g.Code), g.Count))]);
    }

    /// <summary>Whole years of age today from the birth date.</summary>
    public static int? AgeOn(DateTime? bornOn, DateTime now)
    {
        if (bornOn is not { } b)
        {
            return null;
        }
        var age = now.Year - b.Year;
        return b.Date > now.Date.AddYears(-age) ? age - 1 : age;
    }
}
