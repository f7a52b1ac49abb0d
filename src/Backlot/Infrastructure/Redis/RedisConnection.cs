using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// The one connection to Redis, when <c>Redis:Configuration</c> is set. It never blocks a request:
/// it connects in the background (abortConnect=false), commands fail at once while it is down
/// (no backlog) and time out after a second, and it retries every second until Redis is back.
/// A lost or restored connection is logged as a warning once per change.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> log) : IDisposable
{
    private readonly Lock gate = new();
    private ConnectionMultiplexer? multiplexer;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Configuration);

    public string Prefix => options.Value.Prefix;

    public bool IsConnected => multiplexer?.IsConnected == true;

    /// <summary>Pub/sub is connected again after a loss: whatever was published meanwhile may have been missed.</summary>
    public event Action? Restored;

    /// <summary>The multiplexer, created on first use; it may not be connected yet.</summary>
    public IConnectionMultiplexer Multiplexer
    {
        get
        {
            if (multiplexer is { } existing)
            {
                return existing;
            }

            lock (gate)
            {
                return multiplexer ??= Connect();
            }
        }
    }

    /// <summary>
    /// Redis settings as StackExchange.Redis reads them, with short timeouts unless the operator set their own.
    /// Throws <see cref="ArgumentException"/> naming <c>Redis:Configuration</c> when the string does not parse.
    /// </summary>
    public static ConfigurationOptions Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or RedisConnectionException)
        {
            throw new ArgumentException($"Redis:Configuration does not parse: {e.Message}", e);
        }

        if (parsed.EndPoints.Count == 0)
        {
            throw new ArgumentException("Redis:Configuration does not parse: it names no host:port.");
        }

        bool Says(string key) => configuration.Contains(key + "=", StringComparison.OrdinalIgnoreCase);
        parsed.AbortOnConnectFail = false;
        parsed.BacklogPolicy = BacklogPolicy.FailFast; // a request never waits for Redis to come back
        parsed.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!Says("connectTimeout"))
        {
            parsed.ConnectTimeout = 2000;
        }

        if (!Says("syncTimeout"))
        {
            parsed.SyncTimeout = 1000;
        }

        if (!Says("asyncTimeout"))
        {
            parsed.AsyncTimeout = 1000;
        }

        return parsed;
    }

    /// <summary>At start: false (with one line on standard error) when the settings do not parse, or when Redis is required and unreachable.</summary>
    public async Task<bool> StartAsync()
    {
        if (!IsConfigured)
        {
            return true;
        }

        try
        {
            Parse(options.Value.Configuration!);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return false;
        }

        var connection = await Task.Run(() => Multiplexer);
        if (connection.IsConnected || !options.Value.Required)
        {
            return true;
        }

        await Console.Error.WriteLineAsync($"Backlot cannot reach Redis at {string.Join(", ", Parse(options.Value.Configuration!).EndPoints)} (Redis:Required is true; check Redis:Configuration).");
        return false;
    }

    private ConnectionMultiplexer Connect()
    {
        var connection = ConnectionMultiplexer.Connect(Parse(options.Value.Configuration!));
        if (!connection.IsConnected)
        {
            log.LogWarning("Redis is unreachable at {EndPoints}: this instance runs alone (local caches, local rate limits) until it connects.", string.Join(", ", connection.GetEndPoints().Select(e => e.ToString())));
        }

        connection.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                log.LogWarning("Lost the connection to Redis at {EndPoint} ({FailureType}): pages and comments carry on from this instance alone until it is back.", e.EndPoint, e.FailureType);
            }
        };
        // Both connections matter: messages are published on the interactive one and heard on the subscription.
        connection.ConnectionRestored += (_, e) =>
        {
            log.LogWarning("Connected to Redis at {EndPoint} again ({ConnectionType}): evicting what this instance may have missed.", e.EndPoint, e.ConnectionType);
            Restored?.Invoke();
        };
        return connection;
    }

    public void Dispose() => multiplexer?.Dispose();
}
