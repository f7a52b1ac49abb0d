using System.Collections.Concurrent;
using Backlot.Data;
using Backlot.Features.Discovery;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>The demo site, remembering every error its logs report (a failed save is logged even when retried).</summary>
public sealed class ErrorRecordingSiteFactory() : BacklotFactory(withDemo: true, realServer: false, TestEnvironment.AllOnPostgres)
{
    public ConcurrentQueue<string> Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorRecorder(Errors)));
    }

    private sealed class ErrorRecorder(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.Message}");
                }
            }
        }
    }
}

public sealed class RelatedRaceTests(ErrorRecordingSiteFactory site) : IClassFixture<ErrorRecordingSiteFactory>
{
    private const int Concurrent = 16;

    [Fact]
    public async Task Concurrent_recomputes_of_one_article_end_with_one_correct_list_and_no_error()
    {
        var (id, _) = await site.FindAsync("christopher-nolan-films-with-practical-effects");
        await site.RelatedQueueDrainedAsync();
        site.Errors.Clear();

        for (var round = 0; round < 5; round++)
        {
            // From nothing stored (the seeder's and the refresher's case), every writer inserts the same pairs.
            await site.WithDbAsync(db => db.RelatedStories.Where(r => r.ArticleId == id && r.Source == RelatedSource.Computed).ExecuteDeleteAsync());
            var lists = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ => Task.Run(async () =>
            {
                await using var scope = site.Scope();
                return await scope.ServiceProvider.GetRequiredService<RelatedStories>().RecomputeAsync(id, TestContext.Current.CancellationToken);
            })));

            Assert.NotEmpty(lists[0]);
            Assert.All(lists, list => Assert.Equal(lists[0], list));
            await site.WithDbAsync(async db =>
            {
                var rows = await db.RelatedStories.AsNoTracking().Where(r => r.ArticleId == id && r.Source == RelatedSource.Computed)
                    .OrderBy(r => r.Rank).Select(r => new { r.RelatedArticleId, r.Rank }).ToListAsync();
                Assert.Equal(lists[0], rows.Select(r => r.RelatedArticleId));
                Assert.Equal(Enumerable.Range(0, rows.Count), rows.Select(r => r.Rank));
            });
        }

        Assert.Empty(site.Errors);
    }

    [Fact]
    public async Task A_pin_made_while_the_list_is_recomputed_stays_a_pin_without_error()
    {
        var (id, _) = await site.FindAsync("why-the-shinings-hotel-still-confuses-fans");
        await site.RelatedQueueDrainedAsync();
        var candidate = 0;
        await site.WithDbAsync(async db => candidate = await db.RelatedStories.Where(r => r.ArticleId == id && r.Source == RelatedSource.Computed)
            .OrderBy(r => r.Rank).Select(r => r.RelatedArticleId).FirstAsync());
        await site.WithDbAsync(db => db.RelatedStories.Where(r => r.ArticleId == id && r.Source == RelatedSource.Computed).ExecuteDeleteAsync());
        site.Errors.Clear();

        var work = Enumerable.Range(0, Concurrent).Select(i => Task.Run(async () =>
        {
            await using var scope = site.Scope();
            var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
            if (i == Concurrent / 2)
            {
                await related.PinAsync(id, candidate, TestContext.Current.CancellationToken);
            }
            else
            {
                await related.RecomputeAsync(id, TestContext.Current.CancellationToken);
            }
        }));
        await Task.WhenAll(work);

        await site.WithDbAsync(async db =>
        {
            var rows = await db.RelatedStories.AsNoTracking().Where(r => r.ArticleId == id && r.RelatedArticleId == candidate).ToListAsync();
            Assert.Equal(RelatedSource.Pinned, Assert.Single(rows).Source);
        });
        Assert.Empty(site.Errors);
    }
}
