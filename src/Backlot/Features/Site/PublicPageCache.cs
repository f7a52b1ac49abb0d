using Microsoft.AspNetCore.OutputCaching;

namespace Backlot.Features.Site;

/// <summary>
/// Output caching of public pages, and the tags that evict them. Pages are cached whole
/// (compressed bytes included) and evicted by tag when content changes, so a reader never waits
/// on the database for a page that has not changed.
/// </summary>
public sealed class PublicPageCache(IOutputCacheStore store, SiteNavigation navigation)
{
    public const string PolicyName = "public-page";

    /// <summary>Every list of articles: home, category, tag, work, person and author pages.</summary>
    public const string ListsTag = "lists";
    public const string HomeTag = "home";

    public static string ArticleTag(int articleId) => $"article:{articleId}";
    public static string CategoryTag(string slug) => $"category:{slug}";

    /// <summary>Evicts what shows an article: its page, the home page, its category and every list.</summary>
    public async Task EvictArticleAsync(int articleId, string categorySlug, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(ArticleTag(articleId), cancellationToken);
        await store.EvictByTagAsync(HomeTag, cancellationToken);
        await store.EvictByTagAsync(CategoryTag(categorySlug), cancellationToken);
        await store.EvictByTagAsync(ListsTag, cancellationToken);
    }

    /// <summary>Evicts the article's own page only: what changed (its comments) shows nowhere else.</summary>
    public ValueTask EvictArticlePageAsync(int articleId, CancellationToken cancellationToken) => store.EvictByTagAsync(ArticleTag(articleId), cancellationToken);

    /// <summary>Evicts every public page, and the navigation every page shows: site settings, layout changes, imports.</summary>
    public ValueTask EvictAllAsync(CancellationToken cancellationToken)
    {
        navigation.Invalidate();
        return store.EvictByTagAsync(PolicyName, cancellationToken);
    }

    internal static void AddPolicy(OutputCacheOptions options, bool enabled)
    {
        options.AddPolicy(PolicyName, policy =>
        {
            if (!enabled)
            {
                policy.NoCache();
                return;
            }

            // A held comment's signed link and the no-script reply form are per reader: never cached, never served from the cache.
            policy.With(context => !context.HttpContext.Request.Query.ContainsKey("unapproved") && !context.HttpContext.Request.Query.ContainsKey("replytocom"))
                .Expire(TimeSpan.FromMinutes(10))
                .SetVaryByHeader("Accept-Encoding")
                .SetVaryByQuery("page", "q", "category", "kind")
                .Tag(PolicyName)
                .AddPolicy<OutputCacheCounting>();
        });
    }
}
