using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Backlot.Features.Push;

/// <summary>
/// Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), on
/// .NET's own cryptography: a fresh P-256 key and salt per message, ECDH with the browser's key,
/// HKDF-SHA-256, AES-128-GCM, one record.
/// </summary>
public static class WebPushEncryption
{
    /// <summary>Push services must accept 4,096-byte bodies; one record of that size holds this much plaintext.</summary>
    public const int MaxPlaintextLength = RecordSize - HeaderLength - TagLength - 1;

    public const int PublicKeyLength = 65;
    public const int AuthSecretLength = 16;

    private const int RecordSize = 4096;
    private const int SaltLength = 16;
    private const int TagLength = 16;
    private const int HeaderLength = SaltLength + 4 + 1 + PublicKeyLength;

    private static readonly byte[] KeyInfoPrefix = Encoding.ASCII.GetBytes("WebPush: info\0");
    private static readonly byte[] CekInfo = Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0");
    private static readonly byte[] NonceInfo = Encoding.ASCII.GetBytes("Content-Encoding: nonce\0");

    /// <summary>Encrypts <paramref name="plaintext"/> to a browser's key and secret; returns the request body.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        Span<byte> salt = stackalloc byte[SaltLength];
        RandomNumberGenerator.Fill(salt);
        return Encrypt(plaintext, userAgentPublicKey, authSecret, ephemeral, salt);
    }

    /// <summary>The deterministic core, given the sender's key pair and salt (RFC 8291's appendix fixes both).</summary>
    internal static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> authSecret, ECDiffieHellman ephemeral, ReadOnlySpan<byte> salt)
    {
        if (plaintext.Length > MaxPlaintextLength)
        {
            throw new ArgumentException($"A push message holds at most {MaxPlaintextLength} bytes.", nameof(plaintext));
        }

        if (userAgentPublicKey.Length != PublicKeyLength || userAgentPublicKey[0] != 0x04)
        {
            throw new ArgumentException("The browser's key must be an uncompressed P-256 point.", nameof(userAgentPublicKey));
        }

        if (authSecret.Length != AuthSecretLength)
        {
            throw new ArgumentException("The auth secret must be 16 bytes.", nameof(authSecret));
        }

        using var userAgent = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = userAgentPublicKey[1..33].ToArray(), Y = userAgentPublicKey[33..].ToArray() },
        });
        var senderPoint = ephemeral.ExportParameters(includePrivateParameters: false).Q;
        Span<byte> senderPublic = stackalloc byte[PublicKeyLength];
        senderPublic[0] = 0x04;
        senderPoint.X.AsSpan().CopyTo(senderPublic[1..]);
        senderPoint.Y.AsSpan().CopyTo(senderPublic[33..]);

        using var userAgentKey = userAgent.PublicKey;
        var sharedSecret = ephemeral.DeriveRawSecretAgreement(userAgentKey);

        // IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info\0" || ua_public || as_public, L = 32)
        Span<byte> keyInfo = stackalloc byte[KeyInfoPrefix.Length + 2 * PublicKeyLength];
        KeyInfoPrefix.CopyTo(keyInfo);
        userAgentPublicKey.CopyTo(keyInfo[KeyInfoPrefix.Length..]);
        senderPublic.CopyTo(keyInfo[(KeyInfoPrefix.Length + PublicKeyLength)..]);
        Span<byte> ikm = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedSecret, ikm, authSecret, keyInfo);
        CryptographicOperations.ZeroMemory(sharedSecret);

        Span<byte> prk = stackalloc byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt, prk);
        Span<byte> contentKey = stackalloc byte[16];
        Span<byte> nonce = stackalloc byte[12];
        HKDF.Expand(HashAlgorithmName.SHA256, prk, contentKey, CekInfo);
        HKDF.Expand(HashAlgorithmName.SHA256, prk, nonce, NonceInfo);

        var body = new byte[HeaderLength + plaintext.Length + 1 + TagLength];
        salt.CopyTo(body);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(SaltLength), RecordSize);
        body[SaltLength + 4] = PublicKeyLength;
        senderPublic.CopyTo(body.AsSpan(SaltLength + 5));

        // One record, so it is the last: the plaintext ends with the 0x02 delimiter and no padding.
        var padded = body.AsSpan(HeaderLength, plaintext.Length + 1);
        plaintext.CopyTo(padded);
        padded[^1] = 0x02;
        using var aes = new AesGcm(contentKey, TagLength);
        aes.Encrypt(nonce, padded, padded, body.AsSpan(HeaderLength + padded.Length, TagLength));
        CryptographicOperations.ZeroMemory(contentKey);
        return body;
    }

    /// <summary>Whether <paramref name="key"/> is an uncompressed point on P-256 (the curve check is OpenSSL's, on import).</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != PublicKeyLength || key[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var imported = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33].ToArray(), Y = key[33..].ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
