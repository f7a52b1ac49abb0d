using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>A subscription as the sender needs it.</summary>
public sealed record PushTarget(long Id, string Endpoint, string P256dh, string Auth);

/// <summary>The RFC 8030 headers of one campaign's messages.</summary>
public sealed record PushHeaders(int TtlSeconds, PushUrgency Urgency, string? Topic);

public enum DeliveryOutcome
{
    Delivered,

    /// <summary>The push service says the subscription no longer exists (404, 410): delete it.</summary>
    Gone,
    Failed,
}

/// <summary>
/// Sends one encrypted message to one push service over HTTP/2, with a VAPID token cached per
/// origin, a timeout per attempt, and retries for 429 and 5xx that honour Retry-After.
/// </summary>
public sealed class PushDelivery : IDisposable
{
    /// <summary>Push services answer with an empty or a short body; past this much the rest is not read.</summary>
    private const int MaxResponseBody = 64 * 1024;

    private readonly HttpClient http;
    private readonly VapidTokens tokens;
    private readonly IOptionsMonitor<PushOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<PushDelivery> log;

    internal PushDelivery(VapidTokens tokens, EndpointPolicy policy, IOptionsMonitor<PushOptions> options, TimeProvider clock, ILogger<PushDelivery> log)
    {
        this.tokens = tokens;
        this.options = options;
        this.clock = clock;
        this.log = log;
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),

            // One connection per push service carries a campaign; requests beyond the server's
            // stream limit wait for a stream rather than opening more connections.
            EnableMultipleHttp2Connections = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(policy, context, cancellationToken),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own, from PushOptions.RequestTimeout
        };
    }

    public async Task<DeliveryOutcome> SendAsync(PushTarget target, ReadOnlyMemory<byte> payload, PushHeaders headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(headers);
        var settings = options.CurrentValue;
        var endpoint = new Uri(target.Endpoint);
        var body = WebPushEncryption.Encrypt(payload.Span, Base64UrlText.TryDecode(target.P256dh), Base64UrlText.TryDecode(target.Auth));
        var authorization = await tokens.AuthorizationForAsync(endpoint, cancellationToken);

        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            HttpStatusCode? status = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(settings.RequestTimeout);
                using var request = Request(endpoint, body, headers, authorization, settings);
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    status = response.StatusCode;

                    // Read to the end of the stream before the response is disposed: disposing it
                    // earlier resets the HTTP/2 stream (RST_STREAM), and push services count resets
                    // as an attack (CVE-2023-44487), close the connection with GOAWAY and leave
                    // .NET to send again requests they had already handled.
                    await DrainAsync(response.Content, timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return DeliveryOutcome.Delivered;
                    }

                    if (status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
                    {
                        return DeliveryOutcome.Gone;
                    }

                    if (status != HttpStatusCode.TooManyRequests && (int)status < 500)
                    {
                        log.LogDebug("Push service {Origin} refused a message with {Status}", VapidTokens.Audience(endpoint), (int)status);
                        return DeliveryOutcome.Failed; // 400, 403, 413 and friends: sending again would not help
                    }

                    retryAfter = RetryAfter(response.Headers.RetryAfter);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    log.LogDebug("Push service {Origin} did not answer within {Timeout}", VapidTokens.Audience(endpoint), settings.RequestTimeout);
                }
                catch (HttpRequestException e) when (e is EndpointRefusedException || e.InnerException is EndpointRefusedException)
                {
                    log.LogWarning("Refused to send to {Origin}: {Reason}", VapidTokens.Audience(endpoint), (e.InnerException ?? e).Message);
                    return DeliveryOutcome.Failed;
                }
                catch (HttpRequestException e)
                {
                    log.LogDebug(e, "Push service {Origin} could not be reached", VapidTokens.Audience(endpoint));
                }
            }

            if (attempt >= settings.MaxAttempts)
            {
                log.LogDebug("Giving up on a message to {Origin} after {Attempts} attempts (last status {Status})", VapidTokens.Audience(endpoint), attempt, status);
                return DeliveryOutcome.Failed;
            }

            var backoff = settings.FirstRetryDelay * Math.Pow(2, attempt - 1);
            var delay = retryAfter ?? backoff;
            await Task.Delay(delay > settings.MaxRetryDelay ? settings.MaxRetryDelay : delay, clock, cancellationToken);
        }
    }

    /// <summary>Reads and drops a response body; one larger than any push service sends is abandoned (and its stream reset).</summary>
    private static async Task DrainAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var total = 0;
            int read;
            while (total < MaxResponseBody && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static HttpRequestMessage Request(Uri endpoint, byte[] body, PushHeaders headers, string authorization, PushOptions settings)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Version = HttpVersion.Version20,

            // https negotiates HTTP/2 by ALPN; plain http (local push services only) needs prior knowledge.
            VersionPolicy = endpoint.Scheme == Uri.UriSchemeHttp && settings.CleartextHttp2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.ContentEncoding.Add("aes128gcm");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.TryAddWithoutValidation("TTL", headers.TtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("Urgency", UrgencyValue(headers.Urgency));
        if (headers.Topic is { Length: > 0 } topic)
        {
            request.Headers.TryAddWithoutValidation("Topic", topic);
        }

        return request;
    }

    internal static string UrgencyValue(PushUrgency urgency) => urgency switch
    {
        PushUrgency.VeryLow => "very-low",
        PushUrgency.Low => "low",
        PushUrgency.High => "high",
        _ => "normal",
    };

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Resolves the host and connects only to addresses the policy allows, so DNS cannot point the sender into the private network.</summary>
    private static async ValueTask<Stream> ConnectAsync(EndpointPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(policy.MayConnectTo).ToArray();
        if (allowed.Length == 0)
        {
            throw new EndpointRefusedException($"{host} resolves only to private or loopback addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => http.Dispose();

    private sealed class EndpointRefusedException(string message) : HttpRequestException(message);
}
