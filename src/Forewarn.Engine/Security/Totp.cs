using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Forewarn.Engine.Security;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 30-second steps, 6 digits — what every
/// authenticator app shows. Pure arithmetic; the caller supplies the time and remembers the last step used.
/// </summary>
public static class Totp
{
    /// <summary>Seconds per step.</summary>
    public const int Step = 30;

    /// <summary>Digits per code.</summary>
    public const int Digits = 6;

    /// <summary>A new 160-bit secret (the size RFC 4226 recommends for SHA-1).</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(20);

    /// <summary>The step number of an instant: whole 30-second periods since the Unix epoch.</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / Step;

    /// <summary>The HOTP value of one counter, truncated to <paramref name="digits"/> digits (RFC 4226 §5.3).</summary>
    public static string Code(ReadOnlySpan<byte> secret, long counter, int digits = Digits)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 as authenticator apps implement it is HMAC-SHA1; HMAC keeps SHA-1's collisions irrelevant.
        HMACSHA1.HashData(secret, message, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % Pow10(digits);
        return binary.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// Checks a code against the step at <paramref name="now"/> and one step either side (clock drift). Returns the
    /// matching step, or null. A step at or before <paramref name="lastUsedStep"/> never matches, so a code cannot be replayed.
    /// </summary>
    public static long? Verify(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long lastUsedStep)
    {
        if (code is null)
        {
            return null;
        }
        code = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }
        var current = StepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (step > lastUsedStep && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }
        return null;
    }

    /// <summary>The <c>otpauth://</c> URI authenticator apps read from a QR code.</summary>
    public static string Uri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={Base32(secret)}" +
        $"&issuer={System.Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={Step}";

    /// <summary>RFC 4648 base32 without padding, the form authenticator apps accept for manual entry.</summary>
    public static string Base32(ReadOnlySpan<byte> data)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                output.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
        {
            output.Append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return output.ToString();
    }

    private static int Pow10(int digits)
    {
        var value = 1;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }
        return value;
    }
}
