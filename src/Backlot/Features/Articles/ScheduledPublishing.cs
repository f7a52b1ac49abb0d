using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

/// <summary>
/// Turns due scheduled articles into published ones: evicts their pages and raises
/// <see cref="ArticleChange.WentLive"/> (push notifications, related stories). State lives in the
/// database, so a restart loses nothing; each article is claimed with a conditional update, so
/// several instances never announce one twice.
/// </summary>
public sealed class ScheduledPublisher(BacklotDb db, PublicPageCache cache, ArticleChangeNotifier notifier, TimeProvider clock)
{
    public async Task<int> PublishDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Articles.AsNoTracking()
            .Where(a => a.Status == ArticleStatus.Scheduled && a.PublishedAt <= now)
            .Select(a => new { a.Id, a.Slug, Category = a.Category.Slug, a.NotifySubscribers })
            .Take(100)
            .ToListAsync(cancellationToken);

        var published = 0;
        foreach (var article in due)
        {
            var claimed = await db.Articles
                .Where(a => a.Id == article.Id && a.Status == ArticleStatus.Scheduled)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.Status, ArticleStatus.Published), cancellationToken);
            if (claimed == 0)
            {
                continue; // another instance got there first
            }

            published++;
            await cache.EvictArticleAsync(article.Id, article.Category, cancellationToken);

            // Readers could already see it (visibility follows the publish time); subscribers hear of it now.
            await notifier.NotifyAsync(
                new ArticleChanged(article.Id, ArticleChange.WentLive, WasPublic: false, IsPublic: true, article.Category, ArticleUrls.PathOf(article.Category, article.Slug), article.NotifySubscribers),
                cancellationToken);
        }

        return published;
    }
}

/// <summary>Runs <see cref="ScheduledPublisher"/> every few seconds.</summary>
internal sealed class ScheduledPublishing(IServiceScopeFactory scopes, ILogger<ScheduledPublishing> log) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Publishing scheduled articles failed; retrying in {Interval}", Interval);
            }
        }
    }
}
