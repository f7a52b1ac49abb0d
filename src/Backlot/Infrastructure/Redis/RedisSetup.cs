using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;

namespace Backlot.Infrastructure.Redis;

/// <summary>Wiring of what Redis shares between instances; every part works alone when <c>Redis:Configuration</c> is empty.</summary>
public static class RedisSetup
{
    /// <summary>The connection, the messages between instances, shared memory entries and the Redis health check.</summary>
    public static WebApplicationBuilder AddRedis(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<InstanceMessages>();
        builder.Services.AddSingleton<SharedMemoryEntries>();
        if (IsConfigured(builder.Configuration))
        {
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Readiness.Tag]);
        }

        return builder;
    }

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisOptions.Section + ":" + nameof(RedisOptions.Configuration)]);

    /// <summary>
    /// With Redis, the key ring lives in Redis (one for every instance, no shared disk needed), and
    /// <paramref name="local"/> keeps this instance's copy (<see cref="MirroredKeyRing"/>); without
    /// Redis, <paramref name="local"/> alone holds it.
    /// </summary>
    public static void PersistKeys(IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, IXmlRepository> local)
    {
        ArgumentNullException.ThrowIfNull(local);
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            options.XmlRepository = IsConfigured(configuration)
                ? new MirroredKeyRing(
                    new RedisXmlRepository(() => redis.Multiplexer.GetDatabase(), redis.Prefix + "data-protection-keys"),
                    local(sp),
                    sp.GetRequiredService<ILogger<MirroredKeyRing>>())
                : local(sp);
        });
    }

    /// <summary>
    /// Output-cache evictions reach every instance (<see cref="SharedOutputCacheStore"/>); call after AddOutputCache.
    /// Without Redis the local store is left as it is.
    /// </summary>
    public static void ShareOutputCacheEvictions(IServiceCollection services, IConfiguration configuration, string everythingTag)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!IsConfigured(configuration))
        {
            return;
        }

        var local = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(local);
        services.AddSingleton<IOutputCacheStore>(sp => new SharedOutputCacheStore(
            (IOutputCacheStore)(local.ImplementationFactory?.Invoke(sp) ?? local.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, local.ImplementationType!)),
            sp.GetRequiredService<InstanceMessages>(),
            everythingTag,
            sp.GetRequiredService<ILogger<SharedOutputCacheStore>>()));
    }

    /// <summary>Connects at start: false, after one line on standard error, when Redis:Configuration does not parse or Redis is required and unreachable.</summary>
    public static Task<bool> TryConnectRedisAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<RedisConnection>().StartAsync();
    }
}
