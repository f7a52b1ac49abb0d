using System.Net;
using Backlot.Infrastructure.Redis;
using Backlot.IntegrationTests.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Scaling;

/// <summary>Two instances on a redis-server of the test's own, which the test stops and starts again.</summary>
public sealed class OutageCluster : ClusterSite
{
    private RedisProcess? redis;

    public RedisProcess Redis => redis ?? throw new InvalidOperationException("No redis-server: see the test's skip message.");

    protected override string? RedisConfiguration => redis?.Configuration;

    public override async ValueTask InitializeAsync()
    {
        if (TestEnvironment.RedisServer is null || TestEnvironment.RedisServerProgram is not { } program)
        {
            return;
        }

        redis = new RedisProcess(program);
        await redis.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        redis?.Dispose();
    }
}

/// <summary>Losing Redis degrades the cluster (each instance on its own) but never breaks reading or commenting.</summary>
public sealed class RedisOutageTests(OutageCluster cluster) : IClassFixture<OutageCluster>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_Redis_stopped_pages_and_comments_keep_working_and_after_it_restarts_evictions_reach_the_other_instance_again()
    {
        TestEnvironment.RequireRedis();
        TestEnvironment.RequireRedisServerProgram();
        var (id, path) = await ClusterArrange.NewestArticleAsync(cluster.A);
        var articleId = await CommentData.ArticleIdAsync(cluster.A);
        var reader = cluster.B.CreateClient();
        await reader.GetStringAsync(path, Cancel); // cached on B

        await cluster.Redis.StopAsync();
        await WaitAsync(() => !Connected(cluster.A) && !Connected(cluster.B), "both instances to notice Redis is gone");

        foreach (var site in new[] { cluster.A, cluster.B })
        {
            using var page = await site.CreateClient().GetAsync(path, Cancel);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using var home = await site.CreateClient().GetAsync("/", Cancel);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            using var comment = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Outage Reader", "outage@example.test", $"Posted without Redis {Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        }

        var whileDown = $"Edited while Redis was down {Guid.NewGuid():N}";
        await ClusterArrange.RetitleAsync(cluster.A, id, whileDown);

        await cluster.Redis.StartAsync();
        await WaitAsync(() => Connected(cluster.A) && Connected(cluster.B), "both instances to reconnect");
        await ClusterArrange.ServedWithinAsync(reader, path, whileDown, TimeSpan.FromSeconds(5)); // what B missed is evicted when it reconnects

        var afterRestart = $"Edited after Redis came back {Guid.NewGuid():N}";
        await ClusterArrange.RetitleAsync(cluster.A, id, afterRestart);
        await ClusterArrange.ServedWithinAsync(reader, path, afterRestart, TimeSpan.FromSeconds(1));
    }

    private static bool Connected(ClusterInstance site) => site.Services.GetRequiredService<RedisConnection>().IsConnected;

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(100))
        {
            Assert.True(waited < TimeSpan.FromSeconds(30), $"Waited 30 s for {what}.");
            await Task.Delay(100, Cancel);
        }
    }
}
