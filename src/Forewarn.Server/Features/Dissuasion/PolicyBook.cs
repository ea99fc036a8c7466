using System.Text.Json;
using Forewarn.Engine.Dissuasion;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>A version of the dissuasion policy (time limits per level), active only once a second person approves it.</summary>
public sealed class PolicyRow
{
    public int Version { get; set; }
    public required string Json { get; set; }
    public RuleSetStatus Status { get; set; }
    public required string ProposedBy { get; set; }
    public DateTime ProposedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public sealed class PolicyRowConfiguration : IEntityTypeConfiguration<PolicyRow>
{
    public void Configure(EntityTypeBuilder<PolicyRow> row)
    {
        row.ToTable("Policies");
        row.HasKey(r => r.Version);
        row.Property(r => r.Version).ValueGeneratedNever();
        row.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        row.Property(r => r.ProposedBy).HasMaxLength(100);
        row.Property(r => r.DecidedBy).HasMaxLength(100);
    }
}

/// <summary>The active dissuasion policy, cached; DESIGN §4's defaults (version 1) until another is approved.</summary>
public sealed class PolicyBook(IServiceScopeFactory scopes)
{
    private volatile DissuasionPolicy? _current;

    public async ValueTask<DissuasionPolicy> CurrentAsync(CancellationToken ct = default)
    {
        if (_current is { } current)
        {
            return current;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.Policies.Where(r => r.Status == RuleSetStatus.Active).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        return _current = row is null ? DissuasionPolicy.Default : FromJson(row.Version, row.Json);
    }

    public void Invalidate() => _current = null;

    public sealed record LimitsJson(TimeSpan SignFor, TimeSpan FirstContact, TimeSpan? FaceToFace);

    public static string ToJson(DissuasionPolicy policy) => JsonSerializer.Serialize(
        policy.Limits.ToDictionary(l => RiskLevels.ToWire(l.Key), l => new LimitsJson(l.Value.SignFor, l.Value.FirstContact, l.Value.FaceToFace)),
        JsonSerializerOptions.Web);

    /// <returns>The policy, or null when a level is missing or a limit is not positive or out of order.</returns>
    public static DissuasionPolicy? Read(int version, string json)
    {
        try
        {
            var limits = JsonSerializer.Deserialize<Dictionary<string, LimitsJson>>(json, JsonSerializerOptions.Web);
            var parsed = new Dictionary<RiskLevel, LevelLimits>();
            foreach (var level in Enum.GetValues<RiskLevel>())
            {
                if (limits is null || !limits.TryGetValue(RiskLevels.ToWire(level), out var l) || l.SignFor <= TimeSpan.Zero
                    || l.FirstContact < l.SignFor || l.FaceToFace is { } f && f < l.FirstContact)
                {
                    return null;
                }
                parsed[level] = new LevelLimits(l.SignFor, l.FirstContact, l.FaceToFace);
            }
            return new DissuasionPolicy(version, parsed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static DissuasionPolicy FromJson(int version, string json) => Read(version, json) ?? DissuasionPolicy.Default;
}
