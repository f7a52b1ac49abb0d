using Backlot.Data;
using Backlot.Features.Discovery;
using Backlot.Features.Media;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
    List<RelatedCard> Related)
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
public sealed class ArticleReader(BacklotDb db, TimeProvider clock)
{
    public const int PageSize = 12;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The public article at /{categorySlug}/{slug}, or null.</summary>
    public async Task<ArticleView?> FindAsync(string categorySlug, string slug, CancellationToken cancellationToken)
    {
        var now = Now;
        var reads = ArticleReads.For(db);
        await db.Database.OpenConnectionAsync(cancellationToken); // once for the four statements, not once each
        try
        {
            var head = await reads.PublicHead(db, categorySlug, slug, now, cancellationToken);
            return head is null ? null : await CompleteAsync(reads, head, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Any article, whatever its status, exactly as readers would see it: the editors' preview.</summary>
    public async Task<ArticleView?> PreviewAsync(int id, CancellationToken cancellationToken)
    {
        var now = Now;
        var reads = ArticleReads.For(db);
        var head = await reads.AnyHead(db, id, cancellationToken);
        return head is null ? null : await CompleteAsync(reads, head, now, cancellationToken);
    }

    private async Task<ArticleView> CompleteAsync(ArticleReads reads, ArticleHead head, DateTime now, CancellationToken cancellationToken)
    {
        var id = head.Id;
        var items = await ArticleReads.ListAsync(reads.Items(db, id), cancellationToken);
        List<NamedLink> tags = [], works = [], people = [];
        await foreach (var name in reads.Names(db, id).WithCancellation(cancellationToken))
        {
            (name.Kind switch { ArticleReads.TagName => tags, ArticleReads.WorkName => works, _ => people }).Add(new NamedLink(name.Slug, name.Name));
        }

        var related = await ArticleReads.ListAsync(reads.Related(db, id, now), cancellationToken);
        return new ArticleView(
            head.Id, head.Slug, head.Title, head.Dek, head.BodyHtml, head.Kind, head.PublishedAt ?? now, head.UpdatedAt, head.RevisionNumber,
            head.SeoTitle, head.SeoDescription, head.Author, head.Category, head.Hero, items, tags, works, people, related);
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

/// <summary>A tag, work or person of an article, told apart by <see cref="Kind"/>.</summary>
internal sealed record TaxonomyName(int Kind, string Slug, string Name);

/// <summary>The article's own row with its author, category and hero.</summary>
internal sealed record ArticleHead(
    int Id, string Slug, string Title, string Dek, string BodyHtml, ArticleKind Kind, DateTime? PublishedAt, DateTime UpdatedAt, int RevisionNumber,
    string? SeoTitle, string? SeoDescription, NamedLink Author, NamedLink Category, ImageView? Hero);

/// <summary>
/// The article page's four reads, compiled once per model (<c>EF.CompileAsyncQuery</c>): the article's
/// row by its path, then each collection by the article's id. An uncached page view runs them
/// on every request, so they skip LINQ's per-call work (expression walk, cache key, parameter
/// extraction), and each statement stays small: EF's split query repeated the whole lookup
/// (four joins, ordered) in every collection's statement, and SQLite prepares every statement anew.
/// </summary>
internal sealed class ArticleReads
{
    private static readonly ConditionalWeakTable<IModel, ArticleReads> ByModel = new();

    public static ArticleReads For(BacklotDb db) => ByModel.GetValue(db.Model, _ => new ArticleReads());

    public static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    public readonly Func<BacklotDb, string, string, DateTime, CancellationToken, Task<ArticleHead?>> PublicHead = EF.CompileAsyncQuery(ArticleVisibility.Inline<Func<BacklotDb, string, string, DateTime, CancellationToken, ArticleHead?>>(
        (db, categorySlug, slug, now, _) =>
            db.Articles.AsNoTracking().Where(a => ArticleVisibility.IsPublic(a, now) && a.Slug == slug && a.Category.Slug == categorySlug).Select(HeadOf).FirstOrDefault()));

    public readonly Func<BacklotDb, int, CancellationToken, Task<ArticleHead?>> AnyHead = EF.CompileAsyncQuery(
        (BacklotDb db, int id, CancellationToken _) => db.Articles.AsNoTracking().Where(a => a.Id == id).Select(HeadOf).FirstOrDefault());

    public readonly Func<BacklotDb, int, IAsyncEnumerable<ItemView>> Items = EF.CompileAsyncQuery(
        (BacklotDb db, int id) => db.ListItems.AsNoTracking()
            .Where(i => i.ArticleId == id)
            .OrderBy(i => i.Position)
            .Select(i => new ItemView(
                i.Position, i.Heading, i.Caption, i.Credit, i.BodyHtml,
                i.Media == null ? null : new ImageView(i.Media.StorageKey, i.Media.OriginalFormat, i.Media.Width, i.Media.Height, i.Media.VariantWidths, i.Media.AltText),
                i.Work == null ? null : new NamedLink(i.Work.Slug, i.Work.Title))));

    public const int TagName = 0;
    public const int WorkName = 1;
    public const int PersonName = 2;

    /// <summary>Tags, works and people in one statement (UNION ALL), each kind in name order.</summary>
    public readonly Func<BacklotDb, int, IAsyncEnumerable<TaxonomyName>> Names = EF.CompileAsyncQuery<BacklotDb, int, TaxonomyName>(
        (BacklotDb db, int id) => db.Articles.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Tags).Select(t => new { Kind = TagName, t.Slug, t.Name })
            .Concat(db.Articles.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.Works).Select(w => new { Kind = WorkName, w.Slug, Name = w.Title }))
            .Concat(db.Articles.AsNoTracking().Where(a => a.Id == id).SelectMany(a => a.People).Select(p => new { Kind = PersonName, p.Slug, p.Name }))
            .OrderBy(n => n.Kind).ThenBy(n => n.Name)
            .Select(n => new TaxonomyName(n.Kind, n.Slug, n.Name)));

    public readonly Func<BacklotDb, int, DateTime, IAsyncEnumerable<RelatedCard>> Related = EF.CompileAsyncQuery(ArticleVisibility.Inline<Func<BacklotDb, int, DateTime, IQueryable<RelatedCard>>>(
        (db, id, now) => db.RelatedStories.AsNoTracking()
            .Where(r => r.ArticleId == id && r.Source != RelatedSource.Excluded)
            .Join(db.Articles.Where(x => ArticleVisibility.IsPublic(x, now)), r => r.RelatedArticleId, x => x.Id, (r, x) => new { r.Source, r.Rank, x })
            .OrderByDescending(r => r.Source).ThenBy(r => r.Rank) // Pinned (1) before Computed (0)
            .Select(r => new RelatedCard(
                r.x.Id, r.x.Title, ArticleUrls.PathOf(r.x.Category.Slug, r.x.Slug),
                r.x.HeroMedia == null ? null : new ImageView(r.x.HeroMedia.StorageKey, r.x.HeroMedia.OriginalFormat, r.x.HeroMedia.Width, r.x.HeroMedia.Height, r.x.HeroMedia.VariantWidths, r.x.HeroMedia.AltText)))));

    private static readonly Expression<Func<Article, ArticleHead>> HeadOf = a => new ArticleHead(
        a.Id, a.Slug, a.Title, a.Dek, a.BodyHtml, a.Kind, a.PublishedAt, a.UpdatedAt, a.RevisionNumber,
        a.SeoTitle, a.SeoDescription,
        new NamedLink(a.Author.Slug, a.Author.Name),
        new NamedLink(a.Category.Slug, a.Category.Name),
        a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText));
}

public sealed record WorkItemView(ItemView Item, string ArticleTitle, string ArticlePath);

/// <summary>At most one of these is set; none lists everything.</summary>
public sealed record ArticleFilter(int? CategoryId = null, int? TagId = null, int? WorkId = null, int? PersonId = null, int? AuthorId = null)
{
    public static readonly ArticleFilter All = new();
}
