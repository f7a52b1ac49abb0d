using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Backlot.Features.Comments;

/// <summary>A change readers of an article should see at once: a comment shown ("comment") or taken down ("removed").</summary>
public sealed record CommentEvent(int ArticleId, string Type, string? Id, string Data);

/// <summary>
/// Fans comment events out to the live streams open on this instance. The one seam for several
/// instances: a Redis pub/sub backplane would publish here and deliver what other instances publish.
/// </summary>
public sealed class CommentBroadcast
{
    private const int BufferPerReader = 256;
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Channel<CommentEvent>, byte>> readers = new();

    public int ReaderCount => readers.Values.Sum(set => set.Count);

    public void Publish(CommentEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (readers.TryGetValue(change.ArticleId, out var set))
        {
            foreach (var channel in set.Keys)
            {
                channel.Writer.TryWrite(change);
            }
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
