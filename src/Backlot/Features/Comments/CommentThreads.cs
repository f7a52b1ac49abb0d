using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>Reads comments as readers see them: approved threads, a held comment for its author, what a reconnecting stream missed.</summary>
public sealed class CommentThreads(BacklotDb db, SiteSettings settings, CommentHashes hashes)
{
    /// <summary>A held comment for the reader holding its signed link (?unapproved=…&amp;moderation-hash=…); null for anyone else.</summary>
    public async Task<CommentView?> HeldAsync(int articleId, int commentId, string? moderationHash, CancellationToken cancellationToken)
    {
        if (!await hashes.IsModerationHashAsync(commentId, moderationHash, cancellationToken))
        {
            return null;
        }

        return await db.Set<Comment>().AsNoTracking()
            .Where(c => c.Id == commentId && c.ArticleId == articleId && c.Status == CommentStatus.Pending)
            .Select(CommentView.FromComment)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The approved comment a reader is replying to (?replytocom=…), for the form's "Replying to" line.</summary>
    public Task<CommentView?> ApprovedAsync(int articleId, int commentId, CancellationToken cancellationToken) =>
        db.Set<Comment>().AsNoTracking()
            .Where(c => c.Id == commentId && c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .Select(CommentView.FromComment)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Approved comments after a stream position, in stream order, as live events (for a reconnecting reader).</summary>
    public async Task<List<CommentEvent>> ApprovedSinceAsync(int articleId, CommentEventMarker since, CancellationToken cancellationToken)
    {
        var at = since.ApprovedAt;
        var ids = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && c.ApprovedAt != null
                        && (c.ApprovedAt > at || (c.ApprovedAt == at && c.Id > since.CommentId)))
            .OrderBy(c => c.ApprovedAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return await LiveEventsAsync(articleId, ids, cancellationToken);
    }

    /// <summary>The "comment" events for approved comments: their HTML at their depth in the thread.</summary>
    public async Task<List<CommentEvent>> LiveEventsAsync(int articleId, IReadOnlyCollection<int> commentIds, CancellationToken cancellationToken)
    {
        if (commentIds.Count == 0)
        {
            return [];
        }

        var approved = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved)
            .Select(c => new { c.Id, c.ParentId })
            .ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
        var views = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.ArticleId == articleId && c.Status == CommentStatus.Approved && commentIds.Contains(c.Id))
            .Select(CommentView.FromComment)
            .ToListAsync(cancellationToken);
        var profile = settings.Current;
        return
        [
            .. views.OrderBy(v => v.ApprovedAt).ThenBy(v => v.Id).Select(view =>
            {
                var depth = CommentDepth.Of(view.Id, approved, profile.CommentThreadDepth);
                var parent = view.ParentId is { } p && approved.ContainsKey(p) ? p : (int?)null;
                var html = CommentMarkup.Card(view, depth, profile.CommentThreadDepth, profile.TimeZone);
                var data = System.Text.Json.JsonSerializer.Serialize(new LiveComment(view.Id, parent, html), System.Text.Json.JsonSerializerOptions.Web);
                return new CommentEvent(articleId, "comment", view.EventId, data);
            }),
        ];
    }

    private sealed record LiveComment(int Id, int? ParentId, string Html);
}

/// <summary>How deep a comment sits in its thread, counting only shown (approved) ancestors, capped at the site's depth.</summary>
public static class CommentDepth
{
    public static int Of(int commentId, IReadOnlyDictionary<int, int?> parentOf, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(parentOf);
        var depth = 1;
        var current = commentId;
        while (depth < maxDepth && parentOf.TryGetValue(current, out var parent) && parent is { } p && parentOf.ContainsKey(p))
        {
            depth++;
            current = p;
        }

        return depth;
    }
}
