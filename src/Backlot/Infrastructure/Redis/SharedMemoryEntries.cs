using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// Entries of the memory cache that every instance must agree on (settings, navigation): evicting
/// one here evicts it on every instance. After a lost connection to Redis, every such entry made
/// here is evicted, since an eviction elsewhere may have been missed.
/// </summary>
public sealed class SharedMemoryEntries
{
    private const string Topic = "memory:evict";
    private readonly IMemoryCache memory;
    private readonly InstanceMessages messages;
    private readonly ConcurrentDictionary<string, byte> keys = new(StringComparer.Ordinal);

    public SharedMemoryEntries(IMemoryCache memory, InstanceMessages messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        this.memory = memory;
        this.messages = messages;
        messages.Subscribe(Topic, memory.Remove);
        messages.Resumed += () =>
        {
            foreach (var key in keys.Keys)
            {
                memory.Remove(key);
            }
        };
    }

    /// <summary>Marks <paramref name="key"/> as shared: it is evicted when this instance reconnects to Redis.</summary>
    public void Made(string key) => keys.TryAdd(key, 0);

    /// <summary>Evicts <paramref name="key"/> here and on every other instance.</summary>
    public void Evict(string key)
    {
        keys.TryAdd(key, 0);
        memory.Remove(key);
        messages.Publish(Topic, key);
    }
}
