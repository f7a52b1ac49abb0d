using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Backlot.Infrastructure.Redis;

namespace Backlot.Features.Comments;

/// <summary>A change readers of an article should see at once: a comment shown ("comment") or taken down ("removed").</summary>
public sealed record CommentEvent(int ArticleId, string Type, string? Id, string Data);

/// <summary>
/// Fans comment events out to the live streams open on this instance, and, through Redis when it
/// is configured, to those open on every other instance. When this instance reconnects to Redis
/// after a loss, its streams are ended: each browser reconnects with Last-Event-ID and the
/// database replays what the lost messages carried.
/// </summary>
public sealed class CommentBroadcast
{
    private const string Topic = "comments";
    private const int BufferPerReader = 256;
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Channel<CommentEvent>, byte>> readers = new();
    private readonly InstanceMessages messages;

    public CommentBroadcast(InstanceMessages messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        this.messages = messages;
        messages.Subscribe(Topic, json =>
        {
            if (JsonSerializer.Deserialize<CommentEvent>(json) is { } change)
            {
                Deliver(change);
            }
        });
        messages.Resumed += EndEveryStream;
    }

    public int ReaderCount => readers.Values.Sum(set => set.Count);

    public void Publish(CommentEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(change);
        if (messages.IsShared)
        {
            messages.Publish(Topic, JsonSerializer.Serialize(change));
        }
    }

    private void Deliver(CommentEvent change)
    {
        if (readers.TryGetValue(change.ArticleId, out var set))
        {
            foreach (var channel in set.Keys)
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    private void EndEveryStream()
    {
        foreach (var channel in readers.Values.SelectMany(set => set.Keys))
        {
            channel.Writer.TryComplete();
        }
    }

    /// <summary>Events for one article until the subscription is disposed. A reader too slow to keep up loses the oldest; its reconnect replays them.</summary>
    public Subscription Subscribe(int articleId)
    {
        var channel = Channel.CreateBounded<CommentEvent>(new BoundedChannelOptions(BufferPerReader) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        readers.GetOrAdd(articleId, _ => new()).TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            if (readers.TryGetValue(articleId, out var set))
            {
                set.TryRemove(channel, out _);
            }
        });
    }

    public sealed class Subscription(ChannelReader<CommentEvent> reader, Action unsubscribe) : IDisposable
    {
        public ChannelReader<CommentEvent> Reader { get; } = reader;

        public void Dispose() => unsubscribe();
    }
}
