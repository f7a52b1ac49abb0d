using Backlot.Features.Articles;
using Backlot.Features.Site;

namespace Backlot.Features.Discovery;

/// <summary>After an article change: its search document, its related stories and its neighbours' follow.</summary>
internal sealed class DiscoveryChangeHandler(SearchIndexWriter searchIndex, RelatedStories related, PublicPageCache cache) : IArticleChangeHandler
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

        await related.ArticleChangedAsync(change.ArticleId, cancellationToken);
    }
}
