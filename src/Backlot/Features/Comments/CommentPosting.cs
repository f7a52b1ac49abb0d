using System.Net;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Site;
using Backlot.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>The outcome of posting a comment.</summary>
public abstract record CommentPostResult;

/// <summary>Nothing was stored: the status code to answer with and what was wrong, keyed by form field.</summary>
public sealed record CommentRefused(int StatusCode, Dictionary<string, string[]> Errors) : CommentPostResult
{
    public CommentRefused(int statusCode, string field, string message) : this(statusCode, new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public string Message => string.Join(" ", Errors.Values.SelectMany(m => m));
}

/// <summary>Stored: shown at once (<see cref="CommentStatus.Approved"/>) or held; a held comment's author gets a signed link to see it.</summary>
public sealed record CommentStored(CommentView Comment, CommentStatus Status, int Depth, string ArticlePath, string? ModerationHash) : CommentPostResult;

/// <summary>Whether an article takes comments: not closed by its editor and younger than the site's closing age.</summary>
public static class CommentPolicy
{
    public static bool IsOpen(DateTime? publishedAt, bool closedByEditor, int closeAfterDays, DateTime now) =>
        !closedByEditor && (closeAfterDays <= 0 || publishedAt is not { } published || now - published < TimeSpan.FromDays(closeAfterDays));
}

/// <summary>
/// Posts a reader's comment: validation, the article's rules, duplicates, spam checks and WordPress's
/// default moderation (an email with an approved comment is trusted; others wait for a moderator).
/// </summary>
public sealed class CommentPosting(
    BacklotDb db,
    SiteSettings settings,
    CommentFormStamp stamps,
    CommentHashes hashes,
    CommentAnnouncements announcements,
    TimeProvider clock,
    BacklotMetrics metrics,
    ILogger<CommentPosting> log)
{
    public const string DuplicateMessage = "Duplicate comment detected; it looks as though you’ve already said that!";

    public async Task<CommentPostResult> PostAsync(CommentSubmission submission, IPAddress? address, CancellationToken cancellationToken)
    {
        var posted = CommentRules.Normalize(submission);
        var errors = CommentRules.Validate(posted);
        if (errors.Count > 0)
        {
            return new CommentRefused(StatusCodes.Status400BadRequest, errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == posted.ArticleId)
            .Where(ArticleVisibility.PublicAt(now))
            .Select(a => new { a.Id, a.Slug, CategorySlug = a.Category.Slug, a.PublishedAt, a.CommentsClosed })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return new CommentRefused(StatusCodes.Status404NotFound, "articleId", "There is no such article to comment on.");
        }

        var profile = settings.Current;
        if (!CommentPolicy.IsOpen(article.PublishedAt, article.CommentsClosed, profile.CommentsCloseAfterDays, now))
        {
            return new CommentRefused(StatusCodes.Status403Forbidden, "articleId", "Comments are closed on this article.");
        }

        int? parentId = null;
        var depth = 1;
        if (posted.ParentId is { } requested)
        {
            var approved = await db.Set<Comment>().AsNoTracking()
                .Where(c => c.ArticleId == article.Id && c.Status == CommentStatus.Approved)
                .Select(c => new { c.Id, c.ParentId })
                .ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
            if (!approved.ContainsKey(requested))
            {
                return new CommentRefused(StatusCodes.Status400BadRequest, "parentId", "The comment you are replying to is not on this article.");
            }

            (parentId, depth) = AttachPoint(requested, approved, profile.CommentThreadDepth);
        }

        var email = CommentRules.NormalizeEmail(posted.Email);
        var duplicateKey = CommentHashes.DuplicateKey(article.Id, email, posted.Text);
        if (await db.Set<Comment>().AnyAsync(c => c.DuplicateKey == duplicateKey, cancellationToken))
        {
            log.LogInformation("Refused a duplicate comment on article {ArticleId}", article.Id);
            return new CommentRefused(StatusCodes.Status409Conflict, "text", DuplicateMessage);
        }

        var verdict = CommentSpamCheck.Judge(posted, stamps.IssuedAt(posted.Stamp, article.Id), now, address, CommentBlocklist.From(profile));
        var trusted = verdict.Status is null
                      && await db.Set<Comment>().AnyAsync(c => c.AuthorEmail == email && c.Status == CommentStatus.Approved, cancellationToken);
        var status = verdict.Status ?? (trusted ? CommentStatus.Approved : CommentStatus.Pending);
        var comment = new Comment
        {
            ArticleId = article.Id,
            ParentId = parentId,
            AuthorName = posted.Name,
            AuthorEmail = email,
            AuthorWebsite = CommentRules.WebsiteUri(posted.Website)?.AbsoluteUri ?? "",
            Body = posted.Text,
            Status = status,
            HeldReason = verdict.Reason.Length > 0 ? verdict.Reason : status == CommentStatus.Pending ? "first comment from this email address" : "",
            IpHash = await hashes.OfAddressAsync(address, cancellationToken),
            CreatedAt = now,
            ApprovedAt = status == CommentStatus.Approved ? CommentEventMarker.Truncate(now) : null,
            DuplicateKey = duplicateKey,
        };
        db.Set<Comment>().Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Set<Comment>().AsNoTracking().AnyAsync(c => c.DuplicateKey == duplicateKey, CancellationToken.None))
            {
                throw;
            }

            // The same comment, sent twice at once (a double click): the first one stands.
            return new CommentRefused(StatusCodes.Status409Conflict, "text", DuplicateMessage);
        }

        metrics.CommentStored(held: status != CommentStatus.Approved);
        if (status != CommentStatus.Approved)
        {
            log.LogInformation("Held comment {CommentId} on article {ArticleId} as {Status}: {Reason}", comment.Id, article.Id, status, comment.HeldReason);
        }
        else
        {
            await announcements.ApprovedAsync(article.Id, [comment.Id], cancellationToken);
        }

        var view = new CommentView(comment.Id, comment.ParentId, comment.AuthorName, comment.AuthorWebsite, comment.Body, comment.CreatedAt, comment.ApprovedAt, status != CommentStatus.Approved);
        var hash = status == CommentStatus.Pending ? await hashes.ModerationHashAsync(comment.Id, cancellationToken) : null;
        return new CommentStored(view, status, depth, ArticleUrls.PathOf(article.CategorySlug, article.Slug), hash);
    }

    /// <summary>A reply to a comment already at the deepest level joins that comment's own thread, as WordPress does.</summary>
    internal static (int? ParentId, int Depth) AttachPoint(int requested, IReadOnlyDictionary<int, int?> parentOf, int maxDepth)
    {
        if (maxDepth <= 1)
        {
            return (null, 1);
        }

        var target = requested;
        while (CommentDepth.Of(target, parentOf, 1_000) >= maxDepth && parentOf[target] is { } up && parentOf.ContainsKey(up))
        {
            target = up;
        }

        return (target, CommentDepth.Of(target, parentOf, maxDepth) + 1);
    }
}
