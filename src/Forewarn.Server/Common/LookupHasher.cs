using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace Forewarn.Server.Common;

/// <summary>Section <c>Forewarn:Security</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Forewarn:Security";

    /// <summary>Base64 key (≥ 32 bytes) for the keyed hashes beside personal fields. The same on every node.</summary>
    public string? LookupKey { get; set; }

    public string LookupKeyFile { get; set; } = "data/keys/lookup.key";

    /// <summary>Base64 key (≥ 32 bytes) for the audit chain's MACs. Keep it away from the database and its backups.</summary>
    public string? AuditKey { get; set; }

    public string AuditKeyFile { get; set; } = "data/keys/audit.key";

    /// <summary>The key ring that seals personal fields at rest (JSON: active key id and keys); made on first use.</summary>
    public string DataKeyFile { get; set; } = "data/keys/data-keys.json";

    /// <summary>
    /// The cipher that seals new personal values: <c>aes-gcm</c> or <c>sm4-gcm</c> (国密 SM4). Values sealed by either still
    /// open, whichever is set: the cipher's name is in every ciphertext.
    /// </summary>
    [RegularExpression("(?i)^(aes-?gcm|sm4-?gcm)$", ErrorMessage = "Forewarn:Security:Cipher must be aes-gcm or sm4-gcm.")]
    public string Cipher { get; set; } = "aes-gcm";
}

/// <summary>
/// A keyed hash (HMAC-SHA256) of a normalised personal value, so records can be joined and looked up by
/// exact value without the value itself being needed, and without a dictionary attack on a plain hash.
/// </summary>
public sealed class LookupHasher
{
    private readonly byte[] _key;

    public LookupHasher(Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
    {
        var o = options.Value;
        _key = !string.IsNullOrWhiteSpace(o.LookupKey) ? Convert.FromBase64String(o.LookupKey) : KeyFile.LoadOrCreate(o.LookupKeyFile);
        if (_key.Length < 32)
        {
            throw new InvalidOperationException("Forewarn:Security:LookupKey must be at least 32 bytes.");
        }
    }

    /// <summary>Hex HMAC of <paramref name="purpose"/> and <paramref name="value"/>; the purpose keeps phones and IDs apart.</summary>
    public string Hash(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose + "\n" + value)));
}

public static class KeyFile
{
    /// <summary>Reads a base64 key file, or makes a 256-bit key and writes it readable by the owner only.</summary>
    public static byte[] LoadOrCreate(string path)
    {
        var file = Path.GetFullPath(path);
        if (File.Exists(file))
        {
            return Convert.FromBase64String(File.ReadAllText(file).Trim());
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(file, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
