using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Scaling;

/// <summary>
/// Two instances (<see cref="A"/> and <see cref="B"/>) of one site on one database and one Redis,
/// under a key and channel prefix of their own so that test classes running at once never hear
/// each other. Without BACKLOT_TEST_REDIS nothing starts; the tests then skip (or fail in CI).
/// </summary>
public class ClusterSite : IAsyncLifetime
{
    private ClusterInstance? a;
    private ClusterInstance? b;

    public ClusterInstance A => a ?? throw new InvalidOperationException("The cluster did not start: " + (TestEnvironment.RedisServer is null ? "no Redis." : "see the fixture's error."));
    public ClusterInstance B => b ?? throw new InvalidOperationException("The cluster did not start.");

    /// <summary>The Redis both instances use; null when none is offered.</summary>
    protected virtual string? RedisConfiguration => TestEnvironment.RedisServer;

    /// <summary>Settings both instances get on top of Redis's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        if (RedisConfiguration is not { } redis || (TestEnvironment.AllOnPostgres && TestEnvironment.PostgresServer is null))
        {
            return;
        }

        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Redis:Configuration"] = redis,
            ["Redis:Prefix"] = $"backlot-test:{Guid.NewGuid():N}:",
        };
        a = new ClusterInstance(null, settings);
        await a.InitializeAsync();
        b = new ClusterInstance(a, settings);
        await b.InitializeAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (b is not null)
        {
            await b.DisposeAsync();
        }

        if (a is not null)
        {
            await a.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
