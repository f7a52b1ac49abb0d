using Backlot.Features.Articles;
using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Keeps search and related stories whole without delaying start-up, in the background: brings the
/// search index in step with the articles (<see cref="SearchIndexWriter.ReconcileAsync"/>: in full at
/// start-up, then missing and stray documents every interval, which mends what a killed import or
/// a crash between a save and its index update left behind), and computes related stories for
/// public articles that have none (a new site, or articles an import wrote without going through
/// the editor), a batch at a time.
/// </summary>
internal sealed class DiscoveryStartup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiscoveryStartup> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ReconcileSearchAsync(compareFields: true, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            var first = true;
            do
            {
                if (!first)
                {
                    await ReconcileSearchAsync(compareFields: false, stoppingToken);
                }

                first = false;
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

    private async Task ReconcileSearchAsync(bool compareFields, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var indexed = await scope.ServiceProvider.GetRequiredService<SearchIndexWriter>().ReconcileAsync(compareFields, cancellationToken);
            if (indexed > 0)
            {
                log.LogInformation("Search index brought up to date: {Count} articles indexed again", indexed);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Bringing the search index up to date failed; retrying in {Interval}", Interval);
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
