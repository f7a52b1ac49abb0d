using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>A moderator's corrections to a comment; the same limits as a reader's.</summary>
public sealed record CommentCorrection(string Name, string Email, string Website, string Text);

/// <summary>
/// What moderators do to comments: approve, hold, mark spam, trash, delete, edit, reply, and erase a
/// commenter on request. Every change readers can see evicts the article's page and reaches the live stream.
/// </summary>
public sealed class CommentModeration(BacklotDb db, CommentAnnouncements announcements, TimeProvider clock)
{
    /// <summary>Moves comments to a status; returns how many changed.</summary>
    public async Task<int> SetStatusAsync(IReadOnlyCollection<int> ids, CommentStatus status, CancellationToken cancellationToken)
    {
        var comments = await db.Set<Comment>().AsTracking().Where(c => ids.Contains(c.Id) && c.Status != status).ToListAsync(cancellationToken);
        if (comments.Count == 0)
        {
            return 0;
        }

        var now = CommentEventMarker.Truncate(clock.GetUtcNow().UtcDateTime);
        var shown = comments.Where(c => status == CommentStatus.Approved).ToList();
        var hidden = comments.Where(c => c.Status == CommentStatus.Approved).ToList();
        foreach (var comment in comments)
        {
            comment.Status = status;
            if (status == CommentStatus.Approved)
            {
                comment.ApprovedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(shown, hidden, cancellationToken);
        return comments.Count;
    }

    /// <summary>Deletes comments for good. Their replies move up to the deleted comment's parent, so no conversation is lost.</summary>
    public async Task<int> DeleteAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var comments = await db.Set<Comment>().AsTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        if (comments.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = comments.Select(c => c.Id).ToHashSet();
        var replies = await db.Set<Comment>().AsTracking().Where(c => c.ParentId != null && ids.Contains(c.ParentId.Value) && !ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var parentOf = comments.ToDictionary(c => c.Id, c => c.ParentId);
        foreach (var reply in replies)
        {
            var parent = reply.ParentId;
            while (parent is { } p && deleted.Contains(p))
            {
                parent = parentOf[p];
            }

            reply.ParentId = parent;
        }

        // A shown reply that moves changes the page even when its deleted parent was not shown (spam,
        // trash): re-announced, as a correction is, so the cached page and live readers follow.
        var moved = replies.Where(r => r.Status == CommentStatus.Approved).ToList();
        var now = CommentEventMarker.Truncate(clock.GetUtcNow().UtcDateTime);
        foreach (var reply in moved)
        {
            reply.ApprovedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.Set<Comment>().RemoveRange(comments);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AnnounceAsync(moved, [.. comments.Where(c => c.Status == CommentStatus.Approved)], cancellationToken);
        return comments.Count;
    }

    /// <summary>Corrects a comment; errors are keyed by field, and nothing is saved when there are any. Null when there is no such comment.</summary>
    public async Task<Dictionary<string, string[]>?> CorrectAsync(int id, CommentCorrection correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        var comment = await db.Set<Comment>().AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (comment is null)
        {
            return null;
        }

        var normalized = CommentRules.Normalize(new CommentSubmission { Name = correction.Name, Email = correction.Email, Website = correction.Website, Text = correction.Text });
        var errors = CommentRules.Validate(normalized);
        if (errors.Count > 0)
        {
            return errors;
        }

        comment.AuthorName = normalized.Name;
        comment.AuthorEmail = CommentRules.NormalizeEmail(normalized.Email);
        comment.AuthorWebsite = CommentRules.WebsiteUri(normalized.Website)?.AbsoluteUri ?? "";
        comment.Body = normalized.Text;
        if (comment.Status == CommentStatus.Approved)
        {
            // Re-announced, so readers on the page see the correction.
            comment.ApprovedAt = CommentEventMarker.Truncate(clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (comment.Status == CommentStatus.Approved)
        {
            await AnnounceAsync([comment], [], cancellationToken);
        }

        return [];
    }

    /// <summary>A moderator's reply, shown at once. Replying to a held comment approves it first, as WordPress does.</summary>
    public async Task<CommentPostResult> ReplyAsync(int parentId, string name, string email, string text, CancellationToken cancellationToken)
    {
        var parent = await db.Set<Comment>().AsNoTracking().Where(c => c.Id == parentId).Select(c => new { c.Id, c.ArticleId, c.Status }).FirstOrDefaultAsync(cancellationToken);
        if (parent is null)
        {
            return new CommentRefused(StatusCodes.Status404NotFound, "parentId", "There is no such comment to reply to.");
        }

        var reply = CommentRules.Normalize(new CommentSubmission { ArticleId = parent.ArticleId, ParentId = parentId, Name = name, Email = email, Text = text });
        var errors = CommentRules.Validate(reply);
        if (errors.Count > 0)
        {
            return new CommentRefused(StatusCodes.Status400BadRequest, errors);
        }

        if (parent.Status != CommentStatus.Approved)
        {
            await SetStatusAsync([parentId], CommentStatus.Approved, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var comment = new Comment
        {
            ArticleId = parent.ArticleId,
            ParentId = parentId,
            AuthorName = reply.Name,
            AuthorEmail = CommentRules.NormalizeEmail(reply.Email),
            Body = reply.Text,
            Status = CommentStatus.Approved,
            CreatedAt = now,
            ApprovedAt = CommentEventMarker.Truncate(now),
        };
        db.Set<Comment>().Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync([comment], [], cancellationToken);
        var view = new CommentView(comment.Id, comment.ParentId, comment.AuthorName, "", comment.Body, comment.CreatedAt, comment.ApprovedAt, false);
        return new CommentStored(view, CommentStatus.Approved, 0, "", null);
    }

    /// <summary>
    /// Every comment from an email, on the commenter's request: deleted, or anonymised (name "Anonymous",
    /// no email, website or address hash; the text stays). Returns how many comments it touched.
    /// </summary>
    public async Task<int> EraseCommenterAsync(string email, bool delete, CancellationToken cancellationToken)
    {
        var normalized = CommentRules.NormalizeEmail(email);
        if (normalized.Length == 0)
        {
            return 0;
        }

        var ids = await db.Set<Comment>().Where(c => c.AuthorEmail == normalized).Select(c => c.Id).ToListAsync(cancellationToken);
        if (delete)
        {
            return await DeleteAsync(ids, cancellationToken);
        }

        var comments = await db.Set<Comment>().AsTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var now = CommentEventMarker.Truncate(clock.GetUtcNow().UtcDateTime);
        foreach (var comment in comments)
        {
            comment.AuthorName = "Anonymous";
            comment.AuthorEmail = "";
            comment.AuthorWebsite = "";
            comment.IpHash = "";
            comment.DuplicateKey = null;
            if (comment.Status == CommentStatus.Approved)
            {
                comment.ApprovedAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync([.. comments.Where(c => c.Status == CommentStatus.Approved)], [], cancellationToken);
        return comments.Count;
    }

    private async Task AnnounceAsync(IReadOnlyCollection<Comment> shown, IReadOnlyCollection<Comment> hidden, CancellationToken cancellationToken)
    {
        foreach (var article in shown.GroupBy(c => c.ArticleId))
        {
            await announcements.ApprovedAsync(article.Key, [.. article.Select(c => c.Id)], cancellationToken);
        }

        foreach (var article in hidden.GroupBy(c => c.ArticleId))
        {
            await announcements.RemovedAsync(article.Key, [.. article.Select(c => c.Id)], cancellationToken);
        }
    }
}
