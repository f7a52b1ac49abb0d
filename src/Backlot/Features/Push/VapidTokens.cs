using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>
/// Signs VAPID JWTs (RFC 8292, ES256), one per push-service origin, and reuses each until an hour
/// before it expires: signing per message would cost about 8% of the sender's throughput.
/// </summary>
internal sealed class VapidTokens
{
    /// <summary>Apple refuses tokens that expire more than 24 hours ahead; 12 leaves room for clock skew.</summary>
    internal static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);
    private static readonly string Header = Base64UrlText.Encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"u8);

    private readonly ConcurrentDictionary<string, (string Authorization, DateTime RenewAt)> cache = new(StringComparer.Ordinal);
    private readonly VapidKeys keys;
    private readonly IOptionsMonitor<PushOptions> options;
    private readonly TimeProvider clock;

    public VapidTokens(VapidKeys keys, IOptionsMonitor<PushOptions> options, TimeProvider clock)
    {
        this.keys = keys;
        this.options = options;
        this.clock = clock;
        keys.Rotated += cache.Clear;
    }

    /// <summary>The audience: the endpoint's origin, scheme, host and any non-default port.</summary>
    public static string Audience(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>The Authorization header value for a request to <paramref name="endpoint"/>.</summary>
    public async ValueTask<string> AuthorizationForAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var audience = Audience(endpoint);
        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(audience, out var cached) && now < cached.RenewAt)
        {
            return cached.Authorization;
        }

        var pair = await keys.GetAsync(cancellationToken);
        var expires = now + Lifetime;
        var authorization = $"vapid t={Sign(pair.Key, audience, expires, options.CurrentValue.Subject)}, k={pair.PublicKey}";
        cache[audience] = (authorization, expires - RenewBefore);
        return authorization;
    }

    internal static string Sign(ECDsa key, string audience, DateTime expires, string subject)
    {
        var claims = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(claims))
        {
            json.WriteStartObject();
            json.WriteString("aud", audience);
            json.WriteNumber("exp", new DateTimeOffset(expires).ToUnixTimeSeconds());
            json.WriteString("sub", subject);
            json.WriteEndObject();
        }

        var signingInput = Header + "." + Base64UrlText.Encode(claims.WrittenSpan);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64UrlText.Encode(signature);
    }
}
