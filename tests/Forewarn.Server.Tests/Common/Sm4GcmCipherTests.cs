using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Tests.Infrastructure;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Forewarn.Server.Tests.Common;

/// <summary>SM4 (GB/T 32907-2016) and the SM4-GCM field cipher: the standard's known answers, then round trips.</summary>
public sealed class Sm4GcmCipherTests
{
    private static readonly byte[] StandardKey = Convert.FromHexString("0123456789abcdeffedcba9876543210");

    private static byte[] Block(byte[] key, byte[] block, int times = 1)
    {
        var sm4 = new SM4Engine();
        sm4.Init(true, new KeyParameter(key));
        var output = (byte[])block.Clone();
        for (var i = 0; i < times; i++)
        {
            sm4.ProcessBlock(output, 0, output, 0);
        }
        return output;
    }

    [Fact]
    public void The_sm4_block_gives_the_known_answers_of_gb_t_32907()
    {
        // Example 1: key and plaintext 0123456789abcdeffedcba9876543210, one encryption.
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Convert.ToHexStringLower(Block(StandardKey, StandardKey)));
        // Example 2: the same, encrypted 1,000,000 times over.
        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Convert.ToHexStringLower(Block(StandardKey, StandardKey, 1_000_000)));
    }

    [Fact]
    public void Sm4_in_gcm_mode_gives_the_known_answer_of_rfc_8998()
    {
        // RFC 8998 appendix A.1, the same construction (SM4 engine, GCM, 96-bit nonce, 128-bit tag) the field cipher uses.
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(true, new AeadParameters(new KeyParameter(StandardKey), 128, Convert.FromHexString("00001234567800000000ABCD"),
            Convert.FromHexString("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")));
        var plaintext = Convert.FromHexString("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var output = new byte[gcm.GetOutputSize(plaintext.Length)];
        gcm.DoFinal(output, gcm.ProcessBytes(plaintext, 0, plaintext.Length, output, 0));
        Assert.Equal("17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
            + "83DE3541E4C2B58177E065A9BF7B62EC", Convert.ToHexString(output));
    }

    [Fact]
    public void A_field_sealed_with_sm4_gcm_opens_only_with_its_key_and_unaltered()
    {
        var cipher = new Sm4GcmCipher();
        var key = RandomNumberGenerator.GetBytes(32);
        var plaintext = Encoding.UTF8.GetBytes("张三 13900000000 500112198003070019");
        var sealedOnce = cipher.Encrypt(key, plaintext);
        var sealedTwice = cipher.Encrypt(key, plaintext);

        Assert.Equal(12 + plaintext.Length + 16, sealedOnce.Length);
        Assert.NotEqual(sealedOnce, sealedTwice);
        Assert.Equal(plaintext, cipher.Decrypt(key, sealedOnce));
        Assert.Equal(plaintext, cipher.Decrypt(key, sealedTwice));
        Assert.Equal([], cipher.Decrypt(key, cipher.Encrypt(key, [])));
        Assert.Equal(-1, sealedOnce.AsSpan().IndexOf(plaintext.AsSpan(0, 6)));

        var altered = (byte[])sealedOnce.Clone();
        altered[20] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(key, altered));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(RandomNumberGenerator.GetBytes(32), sealedOnce));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(key, sealedOnce[..20]));

        Assert.Equal(16, Sm4GcmCipher.DeriveKey(key).Length);
    }

    [Fact]
    public void A_process_sealing_with_aes_gcm_opens_values_sealed_with_sm4_gcm_under_the_same_ring()
    {
        // The test run's ring seals with AES-GCM; a value written by an SM4-configured node opens all the same.
        DatabaseSetup.EnsureDataKeys(new SecurityOptions { DataKeyFile = ForewarnApp.SharedDataKeys });
        using var ring = JsonDocument.Parse(File.ReadAllText(ForewarnApp.SharedDataKeys));
        var active = ring.RootElement.GetProperty("active").GetString()!;
        var key = Convert.FromBase64String(ring.RootElement.GetProperty("keys").GetProperty(active).GetString()!);
        var value = "李四 13912345678";
        var sm4 = $"fw1.sm4gcm.{active}.{Convert.ToBase64String(new Sm4GcmCipher().Encrypt(key, Encoding.UTF8.GetBytes(value)))}";

        Assert.Equal(value, PersonalData.Unprotect(sm4));
        Assert.StartsWith("fw1.aesgcm.", PersonalData.Protect(value), StringComparison.Ordinal);
        Assert.Equal("sm4gcm", PersonalData.CipherName("sm4-gcm"));
        Assert.Equal("aesgcm", PersonalData.CipherName("AES-GCM"));
        Assert.Null(PersonalData.CipherName("des"));
        Assert.Throws<CryptographicException>(() => PersonalData.Unprotect($"fw1.sm4gcm.no-such-key.{sm4.Split('.')[3]}"));
    }
}

/// <summary><c>Forewarn:Security:Cipher</c> takes <c>aes-gcm</c> or <c>sm4-gcm</c>; anything else stops the server at start.</summary>
public sealed class CipherSettingTests(SqliteApp app)
{
    [Fact]
    public void An_unknown_cipher_stops_the_server_at_start()
    {
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Forewarn:Security:Cipher", "des-cbc"));
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => configured.Services);
        Assert.Contains("Forewarn:Security:Cipher must be aes-gcm or sm4-gcm", error.Message);
    }
}
