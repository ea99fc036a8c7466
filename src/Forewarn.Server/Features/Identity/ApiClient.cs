using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Forewarn.Server.Features.Identity;

/// <summary>
/// A source client (operator, bank, national center) that pushes signals with an API key. Only a SHA-256
/// of the key is stored: keys are 256-bit random values, so a plain hash is enough and lookups stay exact.
/// </summary>
public sealed class ApiClient
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>Space-separated scopes, e.g. <c>signals contacts indicators</c>.</summary>
    public required string Scopes { get; set; }
    public string? WebhookUrl { get; set; }
    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }

    public const string KeyPrefix = "fw_";

    public static string NewKey() => KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> client)
    {
        client.Property(c => c.Name).HasMaxLength(100);
        client.Property(c => c.KeyHash).HasMaxLength(64);
        client.HasIndex(c => c.KeyHash).IsUnique();
        client.HasIndex(c => c.Name).IsUnique();
    }
}
