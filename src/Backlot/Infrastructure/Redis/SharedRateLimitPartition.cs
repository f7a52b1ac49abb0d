using System.Threading.RateLimiting;

namespace Backlot.Infrastructure.Redis;

/// <summary>Rate-limit partitions that every instance shares when Redis is configured; this instance's own otherwise.</summary>
public static class SharedRateLimitPartition
{
    /// <summary>
    /// A fixed window per <paramref name="partitionKey"/>, counted in Redis across instances
    /// (<see cref="RedisFixedWindowRateLimiter"/>) or, without Redis, by
    /// <see cref="RateLimitPartition.GetFixedWindowLimiter{TKey}"/>.
    /// </summary>
    /// <param name="policy">Names the limit in Redis keys, so two policies never share a count for one client.</param>
    public static RateLimitPartition<string> GetFixedWindowLimiter(HttpContext context, string policy, string partitionKey, Func<string, FixedWindowRateLimiterOptions> factory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(factory);
        var redis = context.RequestServices.GetRequiredService<RedisConnection>();
        return redis.IsConfigured
            ? RateLimitPartition.Get(partitionKey, key => new RedisFixedWindowRateLimiter(redis, policy + ":" + key, factory(key)))
            : RateLimitPartition.GetFixedWindowLimiter(partitionKey, factory);
    }
}
