using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// This instance's output cache (in memory: a hit costs no network), whose evictions reach every
/// instance: an eviction by tag here is published, and one published elsewhere is applied here.
/// After a lost connection to Redis, this instance evicts everything (<c>everythingTag</c>): it
/// cannot know what it missed.
/// </summary>
public sealed class SharedOutputCacheStore : IOutputCacheBufferStore
{
    private const string Topic = "output-cache:evict";
    private readonly IOutputCacheStore local;
    private readonly IOutputCacheBufferStore? buffers;
    private readonly InstanceMessages messages;

    public SharedOutputCacheStore(IOutputCacheStore local, InstanceMessages messages, string everythingTag, ILogger<SharedOutputCacheStore> log)
    {
        ArgumentNullException.ThrowIfNull(messages);
        this.local = local;
        this.messages = messages;
        buffers = local as IOutputCacheBufferStore;
        messages.Subscribe(Topic, tag => _ = EvictHereAsync(tag, log));
        messages.Resumed += () => _ = EvictHereAsync(everythingTag, log);
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        await local.EvictByTagAsync(tag, cancellationToken);
        messages.Publish(Topic, tag);
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => local.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        local.SetAsync(key, value, tags, validFor, cancellationToken);

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        buffers is not null ? buffers.TryGetAsync(key, destination, cancellationToken) : CopyAsync(key, destination, cancellationToken);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        buffers is not null
            ? buffers.SetAsync(key, value, tags, validFor, cancellationToken)
            : local.SetAsync(key, value.ToArray(), tags.ToArray(), validFor, cancellationToken);

    private async ValueTask<bool> CopyAsync(string key, PipeWriter destination, CancellationToken cancellationToken)
    {
        if (await local.GetAsync(key, cancellationToken) is not { } bytes)
        {
            return false;
        }

        await destination.WriteAsync(bytes, cancellationToken);
        return true;
    }

    private async Task EvictHereAsync(string tag, ILogger log)
    {
        try
        {
            await local.EvictByTagAsync(tag, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogError(e, "Evicting the tag {Tag} published by another instance failed.", tag);
        }
    }
}
