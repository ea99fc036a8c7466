using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Forewarn.Server.Common;

/// <summary>
/// SM4 (国密, GB/T 32907-2016) in GCM mode, by BouncyCastle: the same layout as <see cref="AesGcmCipher"/>, a 12-byte random
/// nonce, the ciphertext and a 16-byte tag. The key ring's keys are 32 bytes; SM4 takes 16, derived from the ring key with
/// HKDF over SM3 (GB/T 32905), so an SM4 key is never an AES key or a part of one.
/// </summary>
public sealed class Sm4GcmCipher : IFieldCipher
{
    private static readonly byte[] Info = "forewarn fw1 sm4gcm"u8.ToArray();
    private static readonly ConditionalWeakTable<byte[], byte[]> Derived = [];

    public string Name => "sm4gcm";

    public byte[] Encrypt(byte[] key, byte[] plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var gcm = Gcm(key, nonce, encrypt: true);
        var output = new byte[12 + gcm.GetOutputSize(plaintext.Length)];
        nonce.CopyTo(output, 0);
        var written = gcm.ProcessBytes(plaintext, 0, plaintext.Length, output, 12);
        gcm.DoFinal(output, 12 + written);
        return output;
    }

    public byte[] Decrypt(byte[] key, byte[] sealedBytes)
    {
        if (sealedBytes.Length < 28)
        {
            throw new CryptographicException("A sealed field is too short.");
        }
        var gcm = Gcm(key, sealedBytes[..12], encrypt: false);
        var plaintext = new byte[gcm.GetOutputSize(sealedBytes.Length - 12)];
        try
        {
            var written = gcm.ProcessBytes(sealedBytes, 12, sealedBytes.Length - 12, plaintext, 0);
            gcm.DoFinal(plaintext, written);
        }
        catch (InvalidCipherTextException e)
        {
            // As AES-GCM answers a wrong key or an altered byte.
            throw new CryptographicException("The sealed field does not authenticate.", e);
        }
        return plaintext;
    }

    /// <summary>The 16-byte SM4 key of a ring key: HKDF-SM3, no salt, info <c>forewarn fw1 sm4gcm</c>.</summary>
    public static byte[] DeriveKey(byte[] ringKey) => Derived.GetValue(ringKey, k =>
    {
        var hkdf = new HkdfBytesGenerator(new SM3Digest());
        hkdf.Init(new HkdfParameters(k, null, Info));
        var sm4 = new byte[16];
        hkdf.GenerateBytes(sm4, 0, sm4.Length);
        return sm4;
    });

    private static GcmBlockCipher Gcm(byte[] key, byte[] nonce, bool encrypt)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(DeriveKey(key)), 128, nonce));
        return gcm;
    }
}
