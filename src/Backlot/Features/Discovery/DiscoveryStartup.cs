using Backlot.Features.Articles;
using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Keeps search and related stories whole without delaying start-up: fills an empty search index,
/// then, in the background, computes related stories for public articles that have none (a new
/// site, or articles an import wrote without going through the editor), a batch at a time.
/// </summary>
internal sealed class DiscoveryStartup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiscoveryStartup> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await FillSearchIndexAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                while (await CatchUpRelatedAsync(stoppingToken) == BatchSize)
                {
                    // keep going while whole batches are found
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FillSearchIndexAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        if (await db.Articles.AnyAsync(cancellationToken) && !await db.SearchDocuments.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<SearchIndexWriter>().RebuildAsync(cancellationToken);
            log.LogInformation("Search index rebuilt");
        }
    }

    /// <summary>Computes related stories for up to one batch of public articles that have none; returns how many.</summary>
    private async Task<int> CatchUpRelatedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var missing = await db.Articles.AsNoTracking()
                .Where(ArticleVisibility.PublicAt(now))
                .Where(a => !db.RelatedStories.Any(r => r.ArticleId == a.Id))
                .OrderByDescending(a => a.PublishedAt)
                .Select(a => a.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
            foreach (var id in missing)
            {
                await related.RecomputeAsync(id, cancellationToken);
            }

            if (missing.Count > 0)
            {
                log.LogInformation("Related stories computed for {Count} articles", missing.Count);
            }

            return missing.Count;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Computing related stories failed; retrying in {Interval}", Interval);
            return 0;
        }
    }
}
