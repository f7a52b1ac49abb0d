namespace Backlot.Infrastructure.Redis;

/// <summary>The <c>Redis</c> settings. Without <see cref="Configuration"/> every instance keeps to itself (one machine).</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string ("127.0.0.1:6379,password=…"); empty keeps Redis out.</summary>
    public string? Configuration { get; set; }

    /// <summary>Start-up refuses when Redis cannot be reached; otherwise an instance starts alone and joins when Redis comes up.</summary>
    public bool Required { get; set; }

    /// <summary>Prefix of every key and channel, so several sites (or test runs) can share one Redis.</summary>
    public string Prefix { get; set; } = "backlot:";
}
