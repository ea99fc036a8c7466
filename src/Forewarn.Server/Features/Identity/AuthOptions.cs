using System.ComponentModel.DataAnnotations;

namespace Forewarn.Server.Features.Identity;

/// <summary>Section <c>Forewarn:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Forewarn:Auth";

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs access tokens. Every web node of one deployment needs the same.
    /// When empty, a key is made once and kept in <see cref="KeyFile"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    [Required]
    public string KeyFile { get; set; } = "data/keys/signing.key";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A UI session ends after this long without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(10);

    public byte[] ResolveSigningKey()
    {
        if (!string.IsNullOrWhiteSpace(SigningKey))
        {
            var bytes = Convert.FromBase64String(SigningKey);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Forewarn:Auth:SigningKey must be at least 32 bytes.");
        }
        return Forewarn.Server.Common.KeyFile.LoadOrCreate(KeyFile);
    }
}
