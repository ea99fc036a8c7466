using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Rules;

public enum RuleSetStatus { Proposed, Active, Retired, Rejected }

/// <summary>A version of the rules, stored as JSON. A proposal becomes active only when a second person approves it.</summary>
public sealed class RuleSetRow
{
    public int Version { get; set; }
    public required string Json { get; set; }
    public RuleSetStatus Status { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? Note { get; set; }
}

public sealed class RuleSetRowConfiguration : IEntityTypeConfiguration<RuleSetRow>
{
    public void Configure(EntityTypeBuilder<RuleSetRow> row)
    {
        row.ToTable("RuleSets");
        row.HasKey(r => r.Version);
        row.Property(r => r.Version).ValueGeneratedNever();
        row.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        row.Property(r => r.ProposedBy).HasMaxLength(100);
        row.Property(r => r.DecidedBy).HasMaxLength(100);
        row.Property(r => r.Note).HasMaxLength(1000);
    }
}

/// <summary>The active rule set, cached; the built-in default (version 1) until another is approved.</summary>
public sealed class RuleBook(IServiceScopeFactory scopes)
{
    private volatile RuleSet? _current;

    public async ValueTask<RuleSet> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } current)
        {
            return current;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var json = await db.RuleSets.Where(r => r.Status == RuleSetStatus.Active).OrderByDescending(r => r.Version)
            .Select(r => r.Json).FirstOrDefaultAsync(ct);
        return _current = json is null ? RuleSet.Default : RuleSet.FromJson(json);
    }

    public void Invalidate() => _current = null;
}
