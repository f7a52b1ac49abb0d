using Backlot.Features.Articles;
using Backlot.Features.Site;

namespace Backlot.Features.Discovery;

/// <summary>After an article change: its search document and its related stories now; its neighbours' in the background.</summary>
internal sealed class DiscoveryChangeHandler(SearchIndexWriter searchIndex, RelatedStories related, RelatedRefresher refresher, PublicPageCache cache) : IArticleChangeHandler
{
    public async Task HandleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await searchIndex.IndexAsync([change.ArticleId], cancellationToken);
        if (change.Change == ArticleChange.Deleted)
        {
            // The rows that named the deleted article went with it, so which pages linked to it is no
            // longer known; deletions are rare, and a stale link to a 404 is worse than a cold cache.
            if (change.WasPublic)
            {
                await cache.EvictAllAsync(cancellationToken);
            }

            return;
        }

        // The article itself is computed now; its neighbours are queued, and the refresher told.
        if (await related.ArticleChangedAsync(change.ArticleId, cancellationToken) > 0)
        {
            refresher.Wake();
        }
    }
}
