using System.Globalization;
using Backlot.Features.Articles;
using Backlot.Features.Site;

namespace Backlot.Features.Comments;

/// <summary>What the comments section under an article shows: the threads, whether the form is open, and the per-reader extras.</summary>
public sealed record CommentsSection(
    int ArticleId,
    CommentThread Thread,
    bool Open,
    int MaxDepth,
    TimeZoneInfo Zone,
    CommentView? Held,
    CommentView? ReplyTo)
{
    public CommentForm Form => new(ArticleId, ReplyTo, new Dictionary<string, string[]>(), new CommentSubmission { ArticleId = ArticleId }, null);
}

/// <summary>The comment form: its values and errors (after a refused post), the comment it replies to, and, outside the cached page, a fresh signed time.</summary>
public sealed record CommentForm(int ArticleId, CommentView? ReplyTo, IReadOnlyDictionary<string, string[]> Errors, CommentSubmission Values, string? Stamp)
{
    public string Action => string.Create(CultureInfo.InvariantCulture, $"/articles/{ArticleId}/comments");

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

/// <summary>Builds the comments section for an article page from the request's query (a held comment's signed link, ?replytocom).</summary>
public sealed class CommentSections(CommentThreads threads, SiteSettings settings, TimeProvider clock)
{
    /// <summary>The section under <paramref name="article"/>, whose read brought its approved comments.</summary>
    public async Task<CommentsSection> ForArticleAsync(ArticleView article, IQueryCollection query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(query);
        var articleId = article.Id;
        var thread = CommentThread.Build(articleId, article.CommentsClosed, article.Comments, settings.Current.CommentThreadDepth);
        var profile = settings.Current;
        CommentView? held = null;
        if (int.TryParse(query["unapproved"], NumberStyles.None, CultureInfo.InvariantCulture, out var heldId))
        {
            held = await threads.HeldAsync(articleId, heldId, query["moderation-hash"], cancellationToken);
        }

        var open = CommentPolicy.IsOpen(article.PublishedAt, thread.ClosedByEditor, profile.CommentsCloseAfterDays, clock.GetUtcNow().UtcDateTime);
        CommentView? replyTo = null;
        if (open && profile.CommentThreadDepth > 1 && int.TryParse(query["replytocom"], NumberStyles.None, CultureInfo.InvariantCulture, out var replyId))
        {
            replyTo = await threads.ApprovedAsync(articleId, replyId, cancellationToken);
        }

        return new CommentsSection(articleId, thread, open, profile.CommentThreadDepth, profile.TimeZone, held, replyTo);
    }
}
