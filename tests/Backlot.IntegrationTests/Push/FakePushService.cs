using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Backlot.IntegrationTests.Push;

public enum PushServiceBehaviour
{
    Accept,

    /// <summary>410 Gone: the subscription has expired.</summary>
    Gone,

    /// <summary>429 with Retry-After: 1 on the first request, then accepted.</summary>
    RateLimitedOnce,

    /// <summary>The first request never gets an answer.</summary>
    HangOnce,

    /// <summary>No request ever gets an answer.</summary>
    HangAlways,
}

/// <summary>A browser's side of one subscription: its key pair and auth secret, and what the push service received for it.</summary>
public sealed class FakeSubscriber(string name, string endpoint, PushServiceBehaviour behaviour) : IDisposable
{
    public string Name { get; } = name;
    public string Endpoint { get; } = endpoint;
    public PushServiceBehaviour Behaviour { get; } = behaviour;
    public ECDiffieHellman Key { get; } = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    public byte[] Auth { get; } = RandomNumberGenerator.GetBytes(16);
    public ConcurrentQueue<JsonElement> Messages { get; } = new();
    public ConcurrentQueue<DateTime> Requests { get; } = new();

    public byte[] PublicKey
    {
        get
        {
            var q = Key.ExportParameters(false).Q;
            return [0x04, .. q.X!, .. q.Y!];
        }
    }

    /// <summary>The request body the widget posts for this browser.</summary>
    public object SubscribeBody(params string[] topics) => new
    {
        subscription = new { endpoint = Endpoint, expirationTime = (object?)null, keys = new { p256dh = Convert.ToBase64String(PublicKey).TrimEnd('=').Replace('+', '-').Replace('/', '_'), auth = Convert.ToBase64String(Auth).TrimEnd('=').Replace('+', '-').Replace('/', '_') } },
        topics,
    };

    public void Dispose() => Key.Dispose();
}

/// <summary>
/// A push service on 127.0.0.1 over HTTP/2 that behaves like a real one where it matters: it
/// checks the VAPID Authorization header (ES256 signature, aud, exp, sub) and the TTL header,
/// and decrypts every message with the subscriber's private key (RFC 8291). Anything wrong is
/// recorded in <see cref="Rejections"/> and answered 400/401, as a real service would.
/// </summary>
/// <remarks>
/// It also watches the connection as a push service's rapid-reset protection would: Kestrel's
/// frame log (trace level) tells it every RST_STREAM and GOAWAY frame received or sent and
/// every connection opened, and <see cref="AssertNoStreamResetsOrGoAways"/> fails on any. Its
/// answers send their headers before the end of the stream, as services that write a body or
/// finish their work after the headers do, so a client that drops a response early resets it.
/// </remarks>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, FakeSubscriber> subscribers = new();
    private readonly ConcurrentQueue<string> frames = new();
    private int connections;
    private int accepted;
    private int stallAfter = int.MaxValue;
    private int stalledNow;
    private TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakePushService(WebApplication app) => this.app = app;

    /// <summary>RST_STREAM and GOAWAY frames seen, each as "received RST_STREAM on stream 5".</summary>
    public IReadOnlyCollection<string> ResetsAndGoAways => frames;

    /// <summary>HTTP/2 connections the sender opened.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Answers no request after <paramref name="messages"/> accepted ones until <see cref="Resume"/>, as a push service that stalls.</summary>
    public void StallAfter(int messages) => Volatile.Write(ref stallAfter, messages);

    /// <summary>
    /// Waits until every stalled request was abandoned by its sender (a killed worker's streams
    /// are reset). Without this, Resume could race the resets: a request the sender gave up on
    /// would still be taken as a message, which a real push service might do too, but then the
    /// test could not tell a resend of an unanswered message from a duplicate.
    /// </summary>
    public async Task WaitUntilStalledRequestsAreAbandonedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref stalledNow) > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Volatile.Read(ref stalledNow)} stalled requests were never abandoned by their sender");
            }

            await Task.Delay(10);
        }
    }

    public void Resume()
    {
        Volatile.Write(ref stallAfter, int.MaxValue);
        stalled.TrySetResult();
        stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Fails the test on any stream reset or GOAWAY, and when the sender used more than <paramref name="maxConnections"/> connections.</summary>
    public async Task AssertNoStreamResetsOrGoAways(int maxConnections = 1)
    {
        await Task.Delay(200); // a reset sent as a response is dropped reaches the log a moment later
        Assert.True(frames.IsEmpty, $"the push service saw {frames.Count} stream resets or GOAWAYs: {string.Join("; ", frames.Take(10))}");
        Assert.InRange(Connections, 1, maxConnections);
    }

    public string Origin { get; private set; } = "";

    /// <summary>The site's VAPID public key (base64url) that every token must be signed with; null accepts any key.</summary>
    public string? ExpectedKey { get; set; }

    public ConcurrentQueue<string> Rejections { get; } = new();

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Http2", LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel.Connections", LogLevel.Debug);
        var frameLog = new FrameLog();
        builder.Logging.AddProvider(frameLog);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var service = new FakePushService(app);
        frameLog.Service = service;
        app.MapPost("/push/{name}", service.ReceiveAsync);
        await app.StartAsync();
        service.Origin = app.Urls.Single().TrimEnd('/');
        return service;
    }

    public FakeSubscriber Add(string name, PushServiceBehaviour behaviour = PushServiceBehaviour.Accept)
    {
        var subscriber = new FakeSubscriber(name, $"{Origin}/push/{name}", behaviour);
        subscribers[name] = subscriber;
        return subscriber;
    }

    private async Task<IResult> ReceiveAsync(string name, HttpContext context)
    {
        if (!subscribers.TryGetValue(name, out var subscriber))
        {
            return Results.NotFound();
        }

        var requestNumber = subscriber.Requests.Count;
        subscriber.Requests.Enqueue(DateTime.UtcNow);
        if (context.Request.Protocol != "HTTP/2")
        {
            return Reject($"{name}: sent over {context.Request.Protocol}");
        }

        if (!int.TryParse(context.Request.Headers["TTL"], out _))
        {
            return Reject($"{name}: no TTL header");
        }

        if (CheckVapid(context.Request.Headers.Authorization.ToString()) is { } vapidError)
        {
            Rejections.Enqueue($"{name}: {vapidError}");
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (context.Request.Headers.ContentEncoding != "aes128gcm" || body.Length > 4096)
        {
            return Reject($"{name}: not one aes128gcm record of at most 4096 bytes");
        }

        switch (subscriber.Behaviour)
        {
            case PushServiceBehaviour.Gone:
                return Results.StatusCode(StatusCodes.Status410Gone);
            case PushServiceBehaviour.RateLimitedOnce when requestNumber == 0:
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status429TooManyRequests);
            case PushServiceBehaviour.HangOnce when requestNumber == 0:
            case PushServiceBehaviour.HangAlways:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                break;
        }

        byte[] plaintext;
        try
        {
            plaintext = Decrypt(body.ToArray(), subscriber.Key, subscriber.PublicKey, subscriber.Auth);
        }
        catch (CryptographicException e)
        {
            return Reject($"{name}: cannot decrypt: {e.Message}");
        }

        if (Interlocked.Increment(ref accepted) > Volatile.Read(ref stallAfter))
        {
            Interlocked.Increment(ref stalledNow);
            try
            {
                await stalled.Task.WaitAsync(context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref stalledNow);
            }
        }

        using var json = JsonDocument.Parse(plaintext);
        subscriber.Messages.Enqueue(json.RootElement.Clone());
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = $"/messages/{Guid.NewGuid():N}";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(5, context.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Reads Kestrel's HTTP/2 frame and connection events; the frame type is the "type" value of the message.</summary>
    private sealed class FrameLog : ILoggerProvider, ILogger
    {
        public FakePushService? Service { get; set; }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Service is not { } service)
            {
                return;
            }

            if (eventId.Name == "ConnectionStart")
            {
                Interlocked.Increment(ref service.connections);
                return;
            }

            var direction = eventId.Name switch
            {
                "Http2FrameReceived" => "received",
                "Http2FrameSending" => "sent",
                _ => null,
            };
            if (direction is null || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            var type = values.FirstOrDefault(v => v.Key == "type").Value?.ToString();
            if (type is "RST_STREAM" or "GOAWAY")
            {
                var stream = values.FirstOrDefault(v => v.Key == "id").Value;
                service.frames.Enqueue($"{direction} {type} on stream {stream}");
            }
        }

        public void Dispose()
        {
        }
    }

    private IResult Reject(string why)
    {
        Rejections.Enqueue(why);
        return Results.BadRequest();
    }

    private string? CheckVapid(string authorization)
    {
        // "vapid t=<jwt>, k=<public key>" (RFC 8292 section 3)
        if (!authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            return "no vapid Authorization";
        }

        var parameters = authorization[6..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parameters.TryGetValue("t", out var token) || !parameters.TryGetValue("k", out var key))
        {
            return "t or k missing";
        }

        if (ExpectedKey is not null && key != ExpectedKey)
        {
            return "signed with another key than the site's";
        }

        var parts = token.Split('.');
        var publicKey = FromBase64Url(key);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..] } });
        if (parts.Length != 3 || !ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return "bad ES256 signature";
        }

        using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
        using var claims = JsonDocument.Parse(FromBase64Url(parts[1]));
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        var sub = claims.RootElement.GetProperty("sub").GetString() ?? "";
        return header.RootElement.GetProperty("alg").GetString() != "ES256" ? "alg is not ES256"
            : claims.RootElement.GetProperty("aud").GetString() != Origin ? $"aud {claims.RootElement.GetProperty("aud").GetString()} is not {Origin}"
            : exp <= DateTimeOffset.UtcNow ? "expired"
            : exp > DateTimeOffset.UtcNow.AddHours(24) ? "exp more than 24 hours ahead"
            : !(sub.StartsWith("mailto:", StringComparison.Ordinal) || sub.StartsWith("https:", StringComparison.Ordinal)) ? "sub is not mailto: or https:"
            : null;
    }

    /// <summary>The user agent's side of RFC 8291: one aes128gcm record decrypted with the subscription's private key.</summary>
    public static byte[] Decrypt(byte[] body, ECDiffieHellman userAgent, byte[] userAgentPublic, byte[] authSecret)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(userAgent);
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var ciphertext = body[(21 + idLength)..];
        if (idLength != 65 || ciphertext.Length > recordSize)
        {
            throw new CryptographicException("header is not RFC 8291's");
        }

        using var sender = ECDiffieHellman.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..] } });
        var shared = userAgent.DeriveRawSecretAgreement(sender.PublicKey);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, authSecret, [.. "WebPush: info\0"u8, .. userAgentPublic, .. senderPublic]);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var key = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, "Content-Encoding: nonce\0"u8.ToArray());
        var padded = new byte[ciphertext.Length - 16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(nonce, ciphertext.AsSpan(0, padded.Length), ciphertext.AsSpan(padded.Length), padded);
        }

        var end = Array.FindLastIndex(padded, b => b != 0);
        if (end < 0 || padded[end] != 0x02)
        {
            throw new CryptographicException("no last-record delimiter");
        }

        return padded[..end];
    }

    private static byte[] FromBase64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        foreach (var subscriber in subscribers.Values)
        {
            subscriber.Dispose();
        }
    }
}
