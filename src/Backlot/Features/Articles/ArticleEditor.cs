using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Site;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

/// <summary>What an editor submits for an article: the whole article, items included.</summary>
public sealed record ArticleDraft
{
    public required string Title { get; init; }

    /// <summary>Empty: derived from the title (and made unique in the category).</summary>
    public string? Slug { get; init; }

    public string Dek { get; init; } = "";
    public string Body { get; init; } = "";
    public ArticleKind Kind { get; init; }
    public ArticleStatus Status { get; init; }
    public DateTime? PublishedAt { get; init; }
    public required int AuthorId { get; init; }
    public required int CategoryId { get; init; }
    public int? HeroMediaId { get; init; }
    public string? SeoTitle { get; init; }
    public string? SeoDescription { get; init; }
    public bool NotifySubscribers { get; init; } = true;
    public bool CommentsClosed { get; init; }
    public IReadOnlyList<int> TagIds { get; init; } = [];
    public IReadOnlyList<int> WorkIds { get; init; } = [];
    public IReadOnlyList<int> PersonIds { get; init; } = [];
    public IReadOnlyList<ItemDraft> Items { get; init; } = [];
}

public sealed record ItemDraft(string Heading, string Body, int? MediaId = null, string Caption = "", string Credit = "", int? WorkId = null);

/// <summary>Raised when a draft breaks a rule; <see cref="Errors"/> maps each field to what is wrong with it.</summary>
public sealed class ArticleValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The article is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Saves articles under the publishing rules: slugs, status and schedule, rendered bodies,
/// a revision per save, a redirect when a published URL changes, and eviction of cached pages.
/// </summary>
public sealed class ArticleEditor(BacklotDb db, MarkdownRenderer markdown, PublicPageCache cache, ArticleChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>The article as a draft, ready to change and save: what the editor form starts from.</summary>
    public async Task<ArticleDraft?> LoadDraftAsync(int id, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Include(a => a.Items).Include(a => a.Tags).Include(a => a.Works).Include(a => a.People)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return article is null ? null : new ArticleDraft
        {
            Title = article.Title,
            Slug = article.Slug,
            Dek = article.Dek,
            Body = article.Body,
            Kind = article.Kind,
            Status = article.Status,
            PublishedAt = article.PublishedAt,
            AuthorId = article.AuthorId,
            CategoryId = article.CategoryId,
            HeroMediaId = article.HeroMediaId,
            SeoTitle = article.SeoTitle,
            SeoDescription = article.SeoDescription,
            NotifySubscribers = article.NotifySubscribers,
            CommentsClosed = article.CommentsClosed,
            TagIds = [.. article.Tags.Select(t => t.Id)],
            WorkIds = [.. article.Works.Select(w => w.Id)],
            PersonIds = [.. article.People.Select(p => p.Id)],
            Items = [.. article.Items.OrderBy(i => i.Position).Select(i => new ItemDraft(i.Heading, i.Body, i.MediaId, i.Caption, i.Credit, i.WorkId))],
        };
    }

    public Task<Article> CreateAsync(ArticleDraft draft, string? savedBy, CancellationToken cancellationToken) =>
        SaveAsync(null, draft, savedBy, cancellationToken);

    public Task<Article> UpdateAsync(int id, ArticleDraft draft, string? savedBy, CancellationToken cancellationToken) =>
        SaveAsync(id, draft, savedBy, cancellationToken);

    private async Task<Article> SaveAsync(int? id, ArticleDraft draft, string? savedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();

        Article? article = null;
        if (id is { } existingId)
        {
            article = await db.Articles.AsTracking()
                .Include(a => a.Items).Include(a => a.Tags).Include(a => a.Works).Include(a => a.People).Include(a => a.Category)
                .FirstOrDefaultAsync(a => a.Id == existingId, cancellationToken)
                ?? throw new KeyNotFoundException($"Article {existingId} does not exist.");
        }

        var title = draft.Title.Trim();
        if (title.Length == 0)
        {
            errors["Title"] = ["A title is required."];
        }
        else if (title.Length > 300)
        {
            errors["Title"] = ["The title is longer than 300 characters."];
        }

        var category = await db.Categories.AsTracking().FirstOrDefaultAsync(c => c.Id == draft.CategoryId, cancellationToken);
        if (category is null)
        {
            errors["CategoryId"] = ["Choose a category."];
        }

        if (!await db.Authors.AnyAsync(a => a.Id == draft.AuthorId, cancellationToken))
        {
            errors["AuthorId"] = ["Choose an author."];
        }

        if (draft.Status == ArticleStatus.Scheduled && draft.PublishedAt is null)
        {
            errors["PublishedAt"] = ["A scheduled article needs a publish time."];
        }

        for (var i = 0; i < draft.Items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(draft.Items[i].Heading))
            {
                errors[$"Items[{i}].Heading"] = [$"Item {i + 1} needs a heading."];
            }
        }

        var slug = await ChooseSlugAsync(draft, title, article, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ArticleValidationException(errors);
        }

        var wasPublic = article is { } previous && previous.IsPublicAt(now);
        var oldPath = wasPublic ? ArticleUrls.PathOf(article!.Category.Slug, article.Slug) : null;
        var oldCategorySlug = article?.Category.Slug;
        if (article is null)
        {
            article = new Article { Slug = slug, Title = title, CreatedAt = now };
            db.Articles.Add(article);
        }

        article.Slug = slug;
        article.Title = title;
        article.Dek = draft.Dek.Trim();
        article.Body = draft.Body;
        article.BodyHtml = markdown.ToHtml(draft.Body);
        article.Kind = draft.Items.Count > 0 ? ArticleKind.Listicle : draft.Kind;
        article.PublishedAt = draft.PublishedAt ?? (draft.Status == ArticleStatus.Published ? article.PublishedAt ?? now : null);

        // A schedule already due is a publication: the scheduler must not announce it a second time.
        article.Status = draft.Status == ArticleStatus.Scheduled && article.PublishedAt <= now ? ArticleStatus.Published : draft.Status;
        article.UpdatedAt = now;
        article.AuthorId = draft.AuthorId;
        article.CategoryId = category!.Id;
        article.Category = category;
        article.HeroMediaId = draft.HeroMediaId;
        article.SeoTitle = string.IsNullOrWhiteSpace(draft.SeoTitle) ? null : draft.SeoTitle.Trim();
        article.SeoDescription = string.IsNullOrWhiteSpace(draft.SeoDescription) ? null : draft.SeoDescription.Trim();
        article.NotifySubscribers = draft.NotifySubscribers;
        article.CommentsClosed = draft.CommentsClosed;
        article.RevisionNumber++;

        SetItems(article, draft.Items);
        article.Tags = await db.Tags.AsTracking().Where(t => draft.TagIds.Contains(t.Id)).ToListAsync(cancellationToken);
        article.Works = await db.Works.AsTracking().Where(w => draft.WorkIds.Contains(w.Id)).ToListAsync(cancellationToken);
        article.People = await db.People.AsTracking().Where(p => draft.PersonIds.Contains(p.Id)).ToListAsync(cancellationToken);

        var newPath = ArticleUrls.PathOf(category.Slug, slug);
        if (oldPath is not null && oldPath != newPath)
        {
            await KeepRedirectAsync(oldPath, newPath, now, cancellationToken);
        }

        // Joins the caller's transaction when there is one (the demo seeder, the importer).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        db.Revisions.Add(new Revision
        {
            ArticleId = article.Id,
            Number = article.RevisionNumber,
            CreatedAt = now,
            SavedBy = savedBy,
            Snapshot = JsonSerializer.Serialize(draft with { Slug = slug }, SnapshotJson.Options),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        await cache.EvictArticleAsync(article.Id, category.Slug, cancellationToken);
        if (oldCategorySlug is not null && oldCategorySlug != category.Slug)
        {
            await cache.EvictArticleAsync(article.Id, oldCategorySlug, cancellationToken);
        }

        await notifier.NotifyAsync(
            new ArticleChanged(article.Id, ArticleChange.Saved, wasPublic, article.IsPublicAt(now), category.Slug, newPath, article.NotifySubscribers),
            cancellationToken);
        return article;
    }

    private async Task<string> ChooseSlugAsync(ArticleDraft draft, string title, Article? article, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var requested = draft.Slug?.Trim();
        var taken = await db.Articles
            .Where(a => a.CategoryId == draft.CategoryId && (article == null || a.Id != article.Id))
            .Select(a => a.Slug)
            .ToListAsync(cancellationToken);
        var takenSet = taken.ToHashSet(StringComparer.Ordinal);

        if (string.IsNullOrEmpty(requested))
        {
            if (article is not null)
            {
                return article.Slug; // an existing article keeps its URL unless the editor changes it
            }

            var derived = Slug.From(title);
            return Slug.MakeUnique(derived.Length == 0 ? "article" : derived, takenSet.Contains);
        }

        if (!Slug.IsValid(requested))
        {
            errors["Slug"] = [$"\"{requested}\" is not a valid slug: use lowercase letters, digits and single hyphens, at most {Slug.MaxLength} characters."];
        }
        else if (takenSet.Contains(requested))
        {
            errors["Slug"] = [$"Another article in this category already uses the slug \"{requested}\"."];
        }

        return requested;
    }

    private void SetItems(Article article, IReadOnlyList<ItemDraft> items)
    {
        db.ListItems.RemoveRange(article.Items);
        article.Items = [.. items.Select((item, index) => new ListItem
        {
            Position = index + 1,
            Heading = item.Heading.Trim(),
            Body = item.Body,
            BodyHtml = markdown.ToHtml(item.Body),
            MediaId = item.MediaId,
            Caption = item.Caption.Trim(),
            Credit = item.Credit.Trim(),
            WorkId = item.WorkId,
        })];
    }

    private async Task KeepRedirectAsync(string oldPath, string newPath, DateTime now, CancellationToken cancellationToken)
    {
        var from = Redirect.NormalizePath(oldPath);

        // Earlier redirects to the old path now point at the new one: no chains of 301s.
        foreach (var chained in await db.Redirects.AsTracking().Where(r => r.ToPath == oldPath).ToListAsync(cancellationToken))
        {
            chained.ToPath = newPath;
        }

        var stale = await db.Redirects.AsTracking().Where(r => r.FromPath == from || r.FromPath == Redirect.NormalizePath(newPath)).ToListAsync(cancellationToken);
        db.Redirects.RemoveRange(stale);
        db.Redirects.Add(new Redirect { FromPath = from, ToPath = newPath, CreatedAt = now });
    }
}

internal static class SnapshotJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
