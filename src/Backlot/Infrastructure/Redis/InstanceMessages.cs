using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// Messages between the instances of one site, over one Redis pub/sub channel. Without Redis there
/// are no other instances, and publishing does nothing. A handler hears other instances only: the
/// publisher has already done the work itself. Publishing never waits on Redis; a message that
/// could not be sent is kept (up to <see cref="HeldLimit"/>) and sent when the connection is back,
/// and <see cref="Resumed"/> tells every subscriber to assume it missed messages meanwhile.
/// </summary>
public sealed class InstanceMessages : IDisposable
{
    public const int HeldLimit = 10_000;
    private const char Separator = '\n';

    private readonly RedisConnection redis;
    private readonly ILogger<InstanceMessages> log;
    private readonly string self = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Action<string>> handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> held = new();
    private readonly Lock subscribing = new();
    private readonly RedisChannel channel;
    private bool subscribed;
    private int lostCount;

    public InstanceMessages(RedisConnection redis, ILogger<InstanceMessages> log)
    {
        ArgumentNullException.ThrowIfNull(redis);
        this.redis = redis;
        this.log = log;
        channel = RedisChannel.Literal(redis.Prefix + "messages");
        if (redis.IsConfigured)
        {
            redis.Restored += OnRestored;
        }
    }

    /// <summary>The connection came back after a loss: messages from other instances may have been missed.</summary>
    public event Action? Resumed;

    /// <summary>Whether other instances can hear this one (Redis configured); connected or not.</summary>
    public bool IsShared => redis.IsConfigured;

    /// <summary>Sends <paramref name="body"/> on <paramref name="topic"/> to every other instance; returns at once.</summary>
    public void Publish(string topic, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(body);
        if (!redis.IsConfigured)
        {
            return;
        }

        Send(string.Concat(self, Separator.ToString(), topic, Separator.ToString(), body));
    }

    /// <summary>Calls <paramref name="handler"/> with each body another instance publishes on <paramref name="topic"/> (one handler per topic).</summary>
    public void Subscribe(string topic, Action<string> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (!handlers.TryAdd(topic, handler))
        {
            throw new InvalidOperationException($"The topic {topic} already has a handler.");
        }

        if (redis.IsConfigured)
        {
            EnsureSubscribed();
        }
    }

    private void Send(string message)
    {
        var connection = redis.Multiplexer;
        if (!connection.IsConnected)
        {
            Hold(message);
            return;
        }

        connection.GetSubscriber().PublishAsync(channel, message).ContinueWith(
            (sent, state) =>
            {
                if (sent.IsFaulted)
                {
                    ((InstanceMessages)state!).Hold(message);
                }
            },
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously | TaskContinuationOptions.NotOnRanToCompletion,
            TaskScheduler.Default);
    }

    private void Hold(string message)
    {
        if (held.Count < HeldLimit)
        {
            held.Enqueue(message);
        }
        else if (Interlocked.Increment(ref lostCount) == 1)
        {
            log.LogWarning("Redis is unreachable and {Limit} messages to other instances are waiting: later ones are dropped (each instance evicts its caches when it reconnects).", HeldLimit);
        }
    }

    private void EnsureSubscribed()
    {
        lock (subscribing)
        {
            if (subscribed)
            {
                return;
            }

            try
            {
                var subscriber = redis.Multiplexer.GetSubscriber();
                subscriber.Unsubscribe(channel); // a subscription that failed half-way must not leave a second handler
                subscriber.Subscribe(channel, (_, message) => Receive(message));
                subscribed = true;
            }
            catch (RedisException e)
            {
                log.LogWarning("Cannot subscribe to Redis yet ({Error}): will subscribe when it connects.", e.Message);
            }
        }
    }

    private void Receive(RedisValue message)
    {
        var text = (string?)message;
        if (text is null)
        {
            return;
        }

        var first = text.IndexOf(Separator, StringComparison.Ordinal);
        var second = first < 0 ? -1 : text.IndexOf(Separator, first + 1);
        if (second < 0 || text.AsSpan(0, first).SequenceEqual(self))
        {
            return;
        }

        if (handlers.TryGetValue(text[(first + 1)..second], out var handler))
        {
            try
            {
                handler(text[(second + 1)..]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogError(e, "A message from another instance failed in its handler.");
            }
        }
    }

    private void OnRestored()
    {
        if (!handlers.IsEmpty)
        {
            EnsureSubscribed();
        }

        Interlocked.Exchange(ref lostCount, 0);
        while (held.TryDequeue(out var message))
        {
            Send(message);
            if (!redis.IsConnected)
            {
                break;
            }
        }

        Resumed?.Invoke();
    }

    public void Dispose()
    {
        if (redis.IsConfigured)
        {
            redis.Restored -= OnRestored;
        }
    }
}
