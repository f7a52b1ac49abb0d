using System.Linq.Expressions;

namespace Backlot.Features.Articles;

/// <summary>The one rule for what readers may see, used by every public query (pages, feeds, sitemaps, search).</summary>
public static class ArticleVisibility
{
    /// <summary>
    /// Published, or scheduled and due: a scheduled article appears at its time even if the
    /// background job that flips its status is late.
    /// </summary>
    public static Expression<Func<Article, bool>> PublicAt(DateTime utcNow) =>
        a => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled)
             && a.PublishedAt != null && a.PublishedAt <= utcNow;

    public static bool IsPublicAt(this Article article, DateTime utcNow) =>
        article is { Status: ArticleStatus.Published or ArticleStatus.Scheduled, PublishedAt: { } at } && at <= utcNow;
}
