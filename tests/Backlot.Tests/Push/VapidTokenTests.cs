using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Backlot.Features.Push;

namespace Backlot.Tests.Push;

public sealed class VapidTokenTests
{
    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", "https://fcm.googleapis.com")]
    [InlineData("https://updates.push.services.mozilla.com:443/wpush/v2/x", "https://updates.push.services.mozilla.com")]
    [InlineData("https://push.example.net:8443/p/1", "https://push.example.net:8443")]
    [InlineData("http://127.0.0.1:51234/push/a", "http://127.0.0.1:51234")]
    public void The_audience_is_the_endpoint_origin_with_any_non_default_port(string endpoint, string audience) =>
        Assert.Equal(audience, VapidTokens.Audience(new Uri(endpoint)));

    [Fact]
    public void A_token_is_an_ES256_JWT_that_verifies_with_the_public_key_and_carries_aud_exp_and_sub()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var expires = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var token = VapidTokens.Sign(key, "https://push.example.net:8443", expires, "mailto:ops@example.com");

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64UrlText.TryDecode(parts[0])!);
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        using var claims = JsonDocument.Parse(Base64UrlText.TryDecode(parts[1])!);
        Assert.Equal("https://push.example.net:8443", claims.RootElement.GetProperty("aud").GetString());
        Assert.Equal(new DateTimeOffset(expires).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
        Assert.Equal("mailto:ops@example.com", claims.RootElement.GetProperty("sub").GetString());
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64UrlText.TryDecode(parts[2])!, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void Tokens_live_at_most_24_hours_as_Apple_requires() =>
        Assert.True(VapidTokens.Lifetime <= TimeSpan.FromHours(24));
}
