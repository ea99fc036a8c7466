using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Forewarn.Server.Common;

/// <summary>Encrypts one field value: AES-GCM (.NET) or SM4-GCM (<see cref="Sm4GcmCipher"/>), each under its own name.</summary>
public interface IFieldCipher
{
    /// <summary>Short name written into every ciphertext, e.g. <c>aesgcm</c>.</summary>
    string Name { get; }

    byte[] Encrypt(byte[] key, byte[] plaintext);

    byte[] Decrypt(byte[] key, byte[] sealedBytes);
}

public sealed class AesGcmCipher : IFieldCipher
{
    // Setting a key up costs more than sealing a phone number with it: each thread keeps the last key's instance.
    [ThreadStatic]
    private static (byte[] Key, AesGcm Aes)? t_last;

    public string Name => "aesgcm";

    private static AesGcm For(byte[] key)
    {
        if (t_last is { } last && ReferenceEquals(last.Key, key))
        {
            return last.Aes;
        }
        t_last?.Aes.Dispose();
        var aes = new AesGcm(key, 16);
        t_last = (key, aes);
        return aes;
    }

    public byte[] Encrypt(byte[] key, byte[] plaintext)
    {
        var output = new byte[12 + plaintext.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        For(key).Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(12 + plaintext.Length, 16));
        return output;
    }

    public byte[] Decrypt(byte[] key, byte[] sealedBytes)
    {
        var length = sealedBytes.Length - 28;
        var plaintext = new byte[length];
        For(key).Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, length), sealedBytes.AsSpan(12 + length, 16), plaintext);
        return plaintext;
    }
}

/// <summary>
/// Personal data at rest (DESIGN §8): fields marked <see cref="Microsoft.AspNetCore.Identity.PersonalDataAttribute"/> on
/// Forewarn's entities are stored as <c>fw1.{cipher}.{keyId}.{base64}</c>. New values are sealed with the configured cipher
/// (<c>Forewarn:Security:Cipher</c>); a value opens with whichever cipher its name says, so a deployment can switch. The key
/// ring lives outside the database (a file or configuration); rotation adds a key and makes it active, old keys keep
/// decrypting. Exact lookups use the keyed hashes beside the fields (<see cref="LookupHasher"/>), never the ciphertext.
/// One process serves one deployment, so the ring is process-wide: EF builds its value converters once.
/// </summary>
public static class PersonalData
{
    private const string Prefix = "fw1.";

    /// <summary>Every cipher that opens values; the ring's <see cref="KeyRing.Cipher"/> is the one that seals new ones.</summary>
    private static readonly Dictionary<string, IFieldCipher> Ciphers = new[] { (IFieldCipher)new AesGcmCipher(), new Sm4GcmCipher() }.ToDictionary(c => c.Name);
    private static volatile KeyRing? _ring;

    public sealed record KeyRing(string Active, IReadOnlyDictionary<string, byte[]> Keys, string Cipher = "aesgcm");

    /// <summary>The name in the ciphertext for a configured cipher (<c>aes-gcm</c>, <c>sm4-gcm</c>), or null for an unknown one.</summary>
    public static string? CipherName(string configured)
    {
        var name = configured.Replace("-", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        return Ciphers.ContainsKey(name) ? name : null;
    }

    /// <summary>Sets the ring once; later calls with another ring or cipher are refused, so two key sets can't mix in one process.</summary>
    public static void Configure(KeyRing ring)
    {
        if (!ring.Keys.ContainsKey(ring.Active) || ring.Keys.Values.Any(k => k.Length != 32))
        {
            throw new InvalidOperationException("The data key ring needs an active key id and 32-byte keys.");
        }
        if (!Ciphers.ContainsKey(ring.Cipher))
        {
            throw new InvalidOperationException($"Unknown field cipher '{ring.Cipher}'.");
        }
        var current = Interlocked.CompareExchange(ref _ring, ring, null);
        if (current is not null && current.Active != ring.Active && !ring.Keys.ContainsKey(current.Active))
        {
            throw new InvalidOperationException("Another data key ring is already in use in this process.");
        }
        if (current is not null && current.Cipher != ring.Cipher)
        {
            throw new InvalidOperationException($"Personal data is already sealed with {current.Cipher} in this process, not {ring.Cipher}.");
        }
    }

    /// <summary>Reads the ring from a JSON file <c>{ "active": "k1", "keys": { "k1": "base64" } }</c>, creating one on first use.</summary>
    public static KeyRing LoadOrCreate(string path)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var id = "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            File.WriteAllText(file, JsonSerializer.Serialize(new RingFile(id, new Dictionary<string, string> { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        var ring = JsonSerializer.Deserialize<RingFile>(File.ReadAllText(file)) ?? throw new InvalidOperationException($"{file} is not a key ring.");
        return new KeyRing(ring.Active, ring.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value)));
    }

    private sealed record RingFile(
        [property: System.Text.Json.Serialization.JsonPropertyName("active")] string Active,
        [property: System.Text.Json.Serialization.JsonPropertyName("keys")] Dictionary<string, string> Keys);

    private static KeyRing Ring => _ring ?? throw new InvalidOperationException("Personal data keys are not configured.");

    public static string? Protect(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var ring = Ring;
        var cipher = Ciphers[ring.Cipher];
        return $"{Prefix}{cipher.Name}.{ring.Active}.{Convert.ToBase64String(cipher.Encrypt(ring.Keys[ring.Active], Encoding.UTF8.GetBytes(value)))}";
    }

    public static string? Unprotect(string? stored)
    {
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }
        var parts = stored.Split('.', 4);
        var ring = Ring;
        if (parts.Length != 4 || !Ciphers.TryGetValue(parts[1], out var cipher) || !ring.Keys.TryGetValue(parts[2], out var key))
        {
            throw new CryptographicException("A personal field was sealed with an unknown cipher or key.");
        }
        return Encoding.UTF8.GetString(cipher.Decrypt(key, Convert.FromBase64String(parts[3])));
    }

    public static byte[] ProtectBytes(byte[] value) => Encoding.ASCII.GetBytes(Protect(Convert.ToBase64String(value))!);

    public static byte[] UnprotectBytes(byte[] stored) =>
        stored.AsSpan().StartsWith("fw1."u8) ? Convert.FromBase64String(Unprotect(Encoding.ASCII.GetString(stored))!) : stored;

    public static readonly ValueConverter<string, string> Text = new(v => Protect(v)!, v => Unprotect(v)!);

    public static readonly ValueConverter<byte[], byte[]> Bytes = new(v => ProtectBytes(v), v => UnprotectBytes(v));
}
