using System.Diagnostics;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// A fixed window counted in Redis, so every instance draws on one allowance per partition. While
/// Redis is unreachable (or slow past its timeout) this instance's own fixed window decides: a
/// client then gets at most one allowance per instance, never an error.
/// </summary>
public sealed class RedisFixedWindowRateLimiter : RateLimiter
{
    // One round trip: count the permits, start the window's expiry with its first permit, report what is left of the window.
    private const string Script = """
        local count = redis.call('INCRBY', KEYS[1], ARGV[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          ttl = tonumber(ARGV[2])
        end
        return { count, ttl }
        """;

    private readonly RedisConnection redis;
    private readonly RedisKey key;
    private readonly FixedWindowRateLimiterOptions options;
    private readonly FixedWindowRateLimiter local;
    private long lastUsed = Stopwatch.GetTimestamp();

    public RedisFixedWindowRateLimiter(RedisConnection redis, string partition, FixedWindowRateLimiterOptions options)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        this.redis = redis;
        this.options = options;
        key = redis.Prefix + "rate:" + partition;
        local = new FixedWindowRateLimiter(options);
    }

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    /// <summary>
    /// Without waiting, only the local window can answer. While Redis is up this declines, so that
    /// the caller (ASP.NET Core's middleware does) asks <see cref="AcquireAsyncCore"/>, which asks Redis.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        Touch();
        return redis.IsConnected ? Lease.Declined : local.AttemptAcquire(permitCount);
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Touch();
        if (permitCount > options.PermitLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"More than the limit of {options.PermitLimit} permits.");
        }

        if (!redis.IsConnected)
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }

        RedisResult[] result;
        try
        {
            result = (RedisResult[])(await redis.Multiplexer.GetDatabase().ScriptEvaluateAsync(Script, [key], [permitCount, (long)options.Window.TotalMilliseconds]))!;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return await local.AcquireAsync(permitCount, cancellationToken);
        }

        var count = (long)result[0];
        return count <= options.PermitLimit ? Lease.Granted : Lease.Refused(TimeSpan.FromMilliseconds((long)result[1]));
    }

    private void Touch() => Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await local.DisposeAsync();
        await base.DisposeAsyncCore();
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease Declined = new(false, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
