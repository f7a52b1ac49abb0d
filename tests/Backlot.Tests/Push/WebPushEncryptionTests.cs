using System.Security.Cryptography;
using Backlot.Features.Push;

namespace Backlot.Tests.Push;

public sealed class WebPushEncryptionTests
{
    // RFC 8291, Appendix A.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string SenderPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string SenderPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string UserAgentPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Body = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Fact]
    public void Encrypting_the_RFC_8291_example_gives_the_published_body()
    {
        var sender = Bytes(SenderPublic);
        using var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Bytes(SenderPrivate),
            Q = new ECPoint { X = sender[1..33], Y = sender[33..] },
        });

        var body = WebPushEncryption.Encrypt("When I grow up, I want to be a watermelon"u8, Bytes(UserAgentPublic), Bytes(AuthSecret), ephemeral, Bytes(Salt));

        Assert.Equal(Body, Base64UrlText.Encode(body));
    }

    [Fact]
    public void Every_message_gets_a_fresh_key_and_salt()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var key = PublicKey(browser);
        var secret = RandomNumberGenerator.GetBytes(16);

        var first = WebPushEncryption.Encrypt("same"u8, key, secret);
        var second = WebPushEncryption.Encrypt("same"u8, key, secret);

        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
        Assert.Equal(86 + 4 + 1 + 16, first.Length);
    }

    [Fact]
    public void A_payload_that_would_not_fit_one_4096_byte_record_is_refused()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var key = PublicKey(browser);

        var largest = WebPushEncryption.Encrypt(new byte[WebPushEncryption.MaxPlaintextLength], key, new byte[16]);

        Assert.Equal(4096, largest.Length);
        Assert.Throws<ArgumentException>(() => WebPushEncryption.Encrypt(new byte[WebPushEncryption.MaxPlaintextLength + 1], key, new byte[16]));
    }

    [Fact]
    public void Only_an_uncompressed_point_on_P256_is_a_valid_browser_key()
    {
        using var browser = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var valid = PublicKey(browser);
        var offCurve = (byte[])valid.Clone();
        offCurve[64] ^= 0x01;

        Assert.True(WebPushEncryption.IsValidPublicKey(valid));
        Assert.True(WebPushEncryption.IsValidPublicKey(Bytes(UserAgentPublic)));
        Assert.False(WebPushEncryption.IsValidPublicKey(offCurve));
        Assert.False(WebPushEncryption.IsValidPublicKey(valid.AsSpan(0, 33)));
        Assert.False(WebPushEncryption.IsValidPublicKey([0x02, .. valid[1..]]));
        Assert.False(WebPushEncryption.IsValidPublicKey(new byte[65]));
    }

    internal static byte[] PublicKey(ECDiffieHellman key)
    {
        var q = key.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static byte[] Bytes(string base64Url) => Base64UrlText.TryDecode(base64Url)!;
}
