namespace Backlot.Features.Push;

/// <summary>The "Push" configuration section.</summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>Push services browsers use; an endpoint's host must be one of these, a subdomain of one, or in <see cref="AllowedHosts"/>.</summary>
    public static readonly IReadOnlyList<string> KnownHosts =
    [
        "fcm.googleapis.com",
        "android.googleapis.com",
        "updates.push.services.mozilla.com",
        "push.services.mozilla.com",
        "web.push.apple.com",
        "notify.windows.com",
    ];

    /// <summary>Hosts the operator adds to <see cref="KnownHosts"/> (a self-hosted push service, say).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Accept endpoints on loopback and private addresses and over plain http. For tests and local push services only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The VAPID "sub" claim: how a push service reaches the operator. Must be mailto: or https:.</summary>
    public string Subject { get; set; } = "mailto:webmaster@localhost";

    /// <summary>Speak HTTP/2 without TLS (prior knowledge) to http: endpoints, which only <see cref="AllowPrivateNetworks"/> permits.</summary>
    public bool CleartextHttp2 { get; set; } = true;

    /// <summary>How long a worker's claim on a campaign lasts without progress before another worker may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether this instance sends campaigns (off for an instance that only serves pages).</summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>Subscriptions read and sent per step; the campaign's cursor is saved after each.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Requests in flight to push services at once.</summary>
    public int Concurrency { get; set; } = 64;

    /// <summary>How long one request to a push service may take before it counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts per message when the push service answers 429 or 5xx.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The longest wait between attempts, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first retry's wait when the push service gives no Retry-After; doubled each attempt.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the sender looks for scheduled campaigns that came due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Subscription changes accepted per client per minute.</summary>
    public int SubscriptionsPerMinute { get; set; } = 20;

    /// <summary>Default time to live of a notification at the push service.</summary>
    public int DefaultTtlSeconds { get; set; } = 86_400;
}
