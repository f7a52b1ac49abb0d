using Backlot.Data;
using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments.Admin;

/// <summary>Which comments the moderation queue shows: one status, or all of them.</summary>
public enum QueueFilter
{
    Pending,
    Approved,
    Spam,
    Trash,
    All,
}

/// <summary>A comment as a moderator sees it: with the private email and the first characters of the address hash.</summary>
public sealed record QueueRow(
    int Id,
    string AuthorName,
    string AuthorEmail,
    string AuthorWebsite,
    string IpHash,
    string Excerpt,
    CommentStatus Status,
    string HeldReason,
    DateTime CreatedAt,
    int ArticleId,
    string ArticleTitle,
    string ArticlePath,
    int? ParentId,
    string? ParentAuthor);

/// <summary>One comment for the edit page: every field, where it was posted, and the comment it answers.</summary>
public sealed record CommentDetail(
    int Id,
    string AuthorName,
    string AuthorEmail,
    string AuthorWebsite,
    string IpHash,
    string Body,
    CommentStatus Status,
    string HeldReason,
    DateTime CreatedAt,
    QueueArticle Article,
    CommentParent? Parent);

/// <summary>The comment a reply answers, as the edit page shows it.</summary>
public sealed record CommentParent(int Id, string AuthorName, string Excerpt, CommentStatus Status);

/// <summary>How many comments an email has, per status: what an erasure would touch.</summary>
public sealed record CommenterFootprint(int Total, IReadOnlyDictionary<CommentStatus, int> ByStatus, int Articles);

/// <summary>The article a queue is narrowed to.</summary>
public sealed record QueueArticle(int Id, string Title, string Path);

/// <summary>
/// Reads the moderation queue: counts per status, a page of comments newest first, and the pending
/// count the admin menu shows on every page (one COUNT on the indexed Status column).
/// </summary>
public sealed class CommentQueue(BacklotDb db)
{
    public const int PageSize = 50;

    /// <summary>How much of a comment's text a row shows.</summary>
    public const int ExcerptLength = 300;

    /// <summary>How much of the address hash a moderator sees: enough to spot one sender, too little to be a key.</summary>
    public const int IpHashShown = 8;

    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        db.Set<Comment>().CountAsync(c => c.Status == CommentStatus.Pending, cancellationToken);

    /// <summary>Comments per status, for the tabs; optionally for one article.</summary>
    public async Task<Dictionary<CommentStatus, int>> CountsAsync(int? articleId, CancellationToken cancellationToken)
    {
        var comments = db.Set<Comment>().AsNoTracking();
        if (articleId is { } id)
        {
            comments = comments.Where(c => c.ArticleId == id);
        }

        return await comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public async Task<QueueArticle?> ArticleAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId)
            .Select(a => new { a.Id, a.Title, CategorySlug = a.Category.Slug, a.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        return article is null ? null : new QueueArticle(article.Id, article.Title, ArticleUrls.PathOf(article.CategorySlug, article.Slug));
    }

    /// <summary>One page of the queue, newest first, and how many comments match in all.</summary>
    public async Task<(IReadOnlyList<QueueRow> Rows, int Total)> PageAsync(QueueFilter filter, int? articleId, int pageNumber, CancellationToken cancellationToken)
    {
        var comments = Filtered(filter, articleId);
        var total = await comments.CountAsync(cancellationToken);
        var found = await comments
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new
            {
                c.Id,
                c.AuthorName,
                c.AuthorEmail,
                c.AuthorWebsite,
                c.IpHash,
                c.Body,
                c.Status,
                c.HeldReason,
                c.CreatedAt,
                c.ArticleId,
                ArticleTitle = c.Article.Title,
                CategorySlug = c.Article.Category.Slug,
                ArticleSlug = c.Article.Slug,
                c.ParentId,
                ParentAuthor = c.Parent == null ? null : c.Parent.AuthorName,
            })
            .ToListAsync(cancellationToken);
        var rows = found.Select(c => new QueueRow(
                c.Id, c.AuthorName, c.AuthorEmail, c.AuthorWebsite, ShortHash(c.IpHash), Excerpt(c.Body), c.Status, c.HeldReason,
                c.CreatedAt, c.ArticleId, c.ArticleTitle, ArticleUrls.PathOf(c.CategorySlug, c.ArticleSlug), c.ParentId, c.ParentAuthor))
            .ToList();
        return (rows, total);
    }

    public async Task<CommentDetail?> DetailAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Set<Comment>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.AuthorName,
                c.AuthorEmail,
                c.AuthorWebsite,
                c.IpHash,
                c.Body,
                c.Status,
                c.HeldReason,
                c.CreatedAt,
                c.ArticleId,
                ArticleTitle = c.Article.Title,
                CategorySlug = c.Article.Category.Slug,
                ArticleSlug = c.Article.Slug,
                Parent = c.Parent == null ? null : new { c.Parent.Id, c.Parent.AuthorName, c.Parent.Body, c.Parent.Status },
            })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new CommentDetail(
                found.Id, found.AuthorName, found.AuthorEmail, found.AuthorWebsite, ShortHash(found.IpHash), found.Body, found.Status, found.HeldReason, found.CreatedAt,
                new QueueArticle(found.ArticleId, found.ArticleTitle, ArticleUrls.PathOf(found.CategorySlug, found.ArticleSlug)),
                found.Parent is { } p ? new CommentParent(p.Id, p.AuthorName, Excerpt(p.Body), p.Status) : null);
    }

    /// <summary>What an email has left in the comments; <paramref name="email"/> is compared normalised, as it is stored.</summary>
    public async Task<CommenterFootprint> FootprintAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = CommentRules.NormalizeEmail(email);
        var byStatus = await db.Set<Comment>().AsNoTracking().Where(c => c.AuthorEmail == normalized)
            .GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var articles = await db.Set<Comment>().AsNoTracking().Where(c => c.AuthorEmail == normalized).Select(c => c.ArticleId).Distinct().CountAsync(cancellationToken);
        return new CommenterFootprint(byStatus.Values.Sum(), byStatus, articles);
    }

    /// <summary>The statuses of the given comments, for checking a moderator's request before anything changes.</summary>
    public Task<Dictionary<int, CommentStatus>> StatusesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        db.Set<Comment>().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status, cancellationToken);

    public static string ShortHash(string ipHash) => ipHash.Length > IpHashShown ? ipHash[..IpHashShown] : ipHash;

    public static string Excerpt(string body)
    {
        if (body.Length <= ExcerptLength)
        {
            return body;
        }

        // Cut between characters as a reader counts them, never inside a surrogate pair.
        var cut = char.IsLowSurrogate(body[ExcerptLength]) ? ExcerptLength - 1 : ExcerptLength;
        return body[..cut].TrimEnd() + "…";
    }

    private IQueryable<Comment> Filtered(QueueFilter filter, int? articleId)
    {
        var comments = db.Set<Comment>().AsNoTracking();
        if (articleId is { } id)
        {
            comments = comments.Where(c => c.ArticleId == id);
        }

        return filter switch
        {
            QueueFilter.Pending => comments.Where(c => c.Status == CommentStatus.Pending),
            QueueFilter.Approved => comments.Where(c => c.Status == CommentStatus.Approved),
            QueueFilter.Spam => comments.Where(c => c.Status == CommentStatus.Spam),
            QueueFilter.Trash => comments.Where(c => c.Status == CommentStatus.Trash),
            _ => comments,
        };
    }
}
