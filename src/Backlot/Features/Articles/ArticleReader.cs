using Backlot.Data;
using Backlot.Features.Comments;
using Backlot.Features.Discovery;
using Backlot.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

public sealed record NamedLink(string Slug, string Name);

public sealed record ItemView(int Position, string Heading, string Caption, string Credit, string BodyHtml, ImageView? Image, NamedLink? Work)
{
    public string Anchor => ArticleUrls.ItemAnchor(Position);
}

/// <summary>Everything the public article page shows, shaped for it.</summary>
public sealed record ArticleView(
    int Id,
    string Slug,
    string Title,
    string Dek,
    string BodyHtml,
    ArticleKind Kind,
    DateTime PublishedAt,
    DateTime UpdatedAt,
    int RevisionNumber,
    string? SeoTitle,
    string? SeoDescription,
    NamedLink Author,
    NamedLink Category,
    ImageView? Hero,
    List<ItemView> Items,
    List<NamedLink> Tags,
    List<NamedLink> Works,
    List<NamedLink> People,
    List<RelatedCard> Related,
    bool CommentsClosed,
    List<CommentView> Comments)
{
    public string Path => ArticleUrls.PathOf(Category.Slug, Slug);
}

/// <summary>
/// A related story ("Check Also", "More stories"): pins first, then computed, only public ones.
/// The article reads all of its stored rows (a dozen or so; SQLite cannot limit a correlated
/// collection) and the page shows the first five.
/// </summary>
public sealed record RelatedCard(int Id, string Title, string Path, ImageView? Hero);

/// <summary>An article in a list (home, archives): enough for a card.</summary>
public sealed record ArticleCard(int Id, string Slug, string Title, string Dek, ArticleKind Kind, DateTime PublishedAt, NamedLink Category, NamedLink Author, ImageView? Hero, int ItemCount)
{
    public string Path => ArticleUrls.PathOf(Category.Slug, Slug);
}

public sealed record ArticlePageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>Reads articles for readers: only what <see cref="ArticleVisibility"/> allows, shaped for the page, untracked.</summary>
public sealed class ArticleReader(BacklotDb db, PreparedReads preparedReads, TimeProvider clock)
{
    public const int PageSize = 12;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The public article at /{categorySlug}/{slug}, with its approved comments, or null.</summary>
    public async Task<ArticleView?> FindAsync(string categorySlug, string slug, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var lease = await preparedReads.OpenAsync(db, cancellationToken);
        var head = await ArticlePageSql.ReadHeadAsync(lease.Command(ArticlePageSql.PublicHead, ("@slug", slug), ("@category", categorySlug), ("@now", now)), cancellationToken);
        return head is null ? null : await ArticlePageSql.ReadRestAsync(lease, head, now, cancellationToken);
    }

    /// <summary>Any article, whatever its status, exactly as readers would see it: the editors' preview.</summary>
    public async Task<ArticleView?> PreviewAsync(int id, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var lease = await preparedReads.OpenAsync(db, cancellationToken);
        var head = await ArticlePageSql.ReadHeadAsync(lease.Command(ArticlePageSql.AnyHead, ("@id", id)), cancellationToken);
        return head is null ? null : await ArticlePageSql.ReadRestAsync(lease, head, now, cancellationToken);
    }

    /// <summary>Newest first; <paramref name="filter"/> narrows to a category, tag, work, person or author.</summary>
    public async Task<ArticlePageOf<ArticleCard>> ListAsync(ArticleFilter filter, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(Now));
        query = filter switch
        {
            { CategoryId: { } id } => query.Where(a => a.CategoryId == id || a.Category.ParentId == id),
            { TagId: { } id } => query.Where(a => a.Tags.Any(t => t.Id == id)),
            { WorkId: { } id } => query.Where(a => a.Works.Any(w => w.Id == id) || a.Items.Any(i => i.WorkId == id)),
            { PersonId: { } id } => query.Where(a => a.People.Any(p => p.Id == id)),
            { AuthorId: { } id } => query.Where(a => a.AuthorId == id),
            _ => query,
        };

        var total = await query.CountAsync(cancellationToken);
        var cards = await query
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleCard(
                a.Id, a.Slug, a.Title, a.Dek, a.Kind, a.PublishedAt!.Value,
                new NamedLink(a.Category.Slug, a.Category.Name),
                new NamedLink(a.Author.Slug, a.Author.Name),
                a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
                a.Items.Count))
            .ToListAsync(cancellationToken);
        return new ArticlePageOf<ArticleCard>(cards, page, PageSize, total);
    }

    /// <summary>Every public listicle item about a work, across all articles: "behind the scenes of The Shining".</summary>
    public Task<List<WorkItemView>> ItemsAboutWorkAsync(int workId, CancellationToken cancellationToken) =>
        db.ListItems.AsNoTracking()
            .Where(i => i.WorkId == workId)
            .Join(db.Articles.Where(ArticleVisibility.PublicAt(Now)), i => i.ArticleId, a => a.Id, (i, a) => new { i, a })
            .OrderByDescending(x => x.a.PublishedAt).ThenBy(x => x.i.Position)
            .Select(x => new WorkItemView(
                new ItemView(x.i.Position, x.i.Heading, x.i.Caption, x.i.Credit, x.i.BodyHtml,
                    x.i.Media == null ? null : new ImageView(x.i.Media.StorageKey, x.i.Media.OriginalFormat, x.i.Media.Width, x.i.Media.Height, x.i.Media.VariantWidths, x.i.Media.AltText),
                    null),
                x.a.Title, ArticleUrls.PathOf(x.a.Category.Slug, x.a.Slug)))
            .Take(100)
            .ToListAsync(cancellationToken);
}

public sealed record WorkItemView(ItemView Item, string ArticleTitle, string ArticlePath);

/// <summary>At most one of these is set; none lists everything.</summary>
public sealed record ArticleFilter(int? CategoryId = null, int? TagId = null, int? WorkId = null, int? PersonId = null, int? AuthorId = null)
{
    public static readonly ArticleFilter All = new();
}
