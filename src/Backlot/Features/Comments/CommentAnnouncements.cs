using System.Text.Json;
using Backlot.Features.Site;

namespace Backlot.Features.Comments;

/// <summary>
/// What follows a change to the comments readers see: the article's cached page is evicted and the
/// readers on it are told (CommentApproved / removed), whether the change came from a commenter or a moderator.
/// </summary>
public sealed class CommentAnnouncements(PublicPageCache cache, CommentBroadcast broadcast, CommentThreads threads)
{
    public async Task ApprovedAsync(int articleId, IReadOnlyCollection<int> commentIds, CancellationToken cancellationToken)
    {
        await cache.EvictArticlePageAsync(articleId, cancellationToken);
        foreach (var change in await threads.LiveEventsAsync(articleId, commentIds, cancellationToken))
        {
            broadcast.Publish(change);
        }
    }

    public async Task RemovedAsync(int articleId, IReadOnlyCollection<int> commentIds, CancellationToken cancellationToken)
    {
        await cache.EvictArticlePageAsync(articleId, cancellationToken);
        foreach (var id in commentIds)
        {
            broadcast.Publish(new CommentEvent(articleId, "removed", null, JsonSerializer.Serialize(new { id }, JsonSerializerOptions.Web)));
        }
    }
}
