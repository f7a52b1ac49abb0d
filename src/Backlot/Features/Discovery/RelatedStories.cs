using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>A story an editor pinned or excluded, for the article editor's related-stories panel.</summary>
public sealed record RelatedChoice(int ArticleId, string Title, string Path, RelatedSource Source, int Rank);

/// <summary>
/// Related stories ("Check Also"): computes and stores them when articles change, and applies
/// editors' pins and exclusions. The article page only reads what is stored here.
/// </summary>
public sealed class RelatedStories(BacklotDb db, ISearchIndex search, IOutputCacheStore cache, TimeProvider clock)
{
    /// <summary>Computed rows kept per article: more than a page shows, so hiding one (unpublished, excluded) leaves enough.</summary>
    public const int StoredCount = 12;

    /// <summary>Neighbours recomputed after one article changes; a bound on the work one save can cause.</summary>
    public const int MaxAffected = 40;

    /// <summary>Articles sharing one kind of link considered at most (newest ids first): a tag on thousands of articles must not make a save slow.</summary>
    private const int MaxLinked = 300;

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "is", "it", "its", "of", "on", "or",
        "that", "the", "this", "to", "was", "what", "when", "where", "who", "why", "with", "you", "your",
    };

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Pins <paramref name="relatedId"/> after the article's other pins; it replaces any exclusion of the same story.</summary>
    public async Task PinAsync(int articleId, int relatedId, CancellationToken cancellationToken)
    {
        await CheckPairAsync(articleId, relatedId, cancellationToken);
        var nextRank = await db.RelatedStories.Where(r => r.ArticleId == articleId && r.Source == RelatedSource.Pinned && r.RelatedArticleId != relatedId)
            .Select(r => (int?)r.Rank).MaxAsync(cancellationToken) + 1 ?? 0;
        await SetChoiceAsync(articleId, relatedId, RelatedSource.Pinned, nextRank, cancellationToken);
    }

    /// <summary>Never shows <paramref name="relatedId"/> with the article, pinned or computed.</summary>
    public async Task ExcludeAsync(int articleId, int relatedId, CancellationToken cancellationToken)
    {
        await CheckPairAsync(articleId, relatedId, cancellationToken);
        await SetChoiceAsync(articleId, relatedId, RelatedSource.Excluded, 0, cancellationToken);
        await RecomputeAsync(articleId, cancellationToken);
    }

    /// <summary>Removes a pin; the story may come back as a computed one.</summary>
    public Task UnpinAsync(int articleId, int relatedId, CancellationToken cancellationToken) =>
        ClearChoiceAsync(articleId, relatedId, RelatedSource.Pinned, cancellationToken);

    /// <summary>Removes an exclusion.</summary>
    public Task IncludeAsync(int articleId, int relatedId, CancellationToken cancellationToken) =>
        ClearChoiceAsync(articleId, relatedId, RelatedSource.Excluded, cancellationToken);

    /// <summary>The editor's pins (in order) and exclusions for an article, whatever their status.</summary>
    public Task<List<RelatedChoice>> ChoicesAsync(int articleId, CancellationToken cancellationToken) =>
        db.RelatedStories.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.Source != RelatedSource.Computed)
            .OrderBy(r => r.Source).ThenBy(r => r.Rank)
            .Select(r => new RelatedChoice(r.RelatedArticleId, r.Related.Title, ArticleUrls.PathOf(r.Related.Category.Slug, r.Related.Slug), r.Source, r.Rank))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Recomputes the stored related stories of the changed article and of its neighbours (those
    /// that list it, and those it now lists), and evicts their cached pages.
    /// </summary>
    public async Task ArticleChangedAsync(int articleId, CancellationToken cancellationToken)
    {
        var referrers = await db.RelatedStories.AsNoTracking()
            .Where(r => r.RelatedArticleId == articleId && r.Source == RelatedSource.Computed)
            .OrderByDescending(r => r.Score)
            .Select(r => r.ArticleId)
            .Take(MaxAffected)
            .ToListAsync(cancellationToken);
        var chosen = await RecomputeAsync(articleId, cancellationToken);
        var affected = referrers.Concat(chosen).Distinct().Where(id => id != articleId).Take(MaxAffected).ToList();
        foreach (var id in affected)
        {
            await RecomputeAsync(id, cancellationToken);
        }
    }

    /// <summary>Computes and stores one article's related stories (replacing computed rows only); returns them best first.</summary>
    public async Task<IReadOnlyList<int>> RecomputeAsync(int articleId, CancellationToken cancellationToken)
    {
        var now = Now;
        var source = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId)
            .Select(a => new
            {
                a.Id, a.Title, a.Dek, a.CategoryId,
                Works = a.Works.Select(w => w.Id).ToList(),
                ItemWorks = a.Items.Where(i => i.WorkId != null).Select(i => i.WorkId!.Value).ToList(),
                WorkNames = a.Works.Select(w => w.Title).ToList(),
                People = a.People.Select(p => p.Id).ToList(),
                PeopleNames = a.People.Select(p => p.Name).ToList(),
                Tags = a.Tags.Select(t => t.Id).ToList(),
                Headings = a.Items.Select(i => i.Heading).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);

        List<int> ranked = [];
        if (source is not null)
        {
            var works = source.Works.Concat(source.ItemWorks).Distinct().ToList();
            var people = source.People;
            var tags = source.Tags;
            var choices = await db.RelatedStories.AsNoTracking()
                .Where(r => r.ArticleId == articleId && r.Source != RelatedSource.Computed)
                .Select(r => r.RelatedArticleId).ToListAsync(cancellationToken);

            var publicArticles = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now)).Where(a => a.Id != articleId && !choices.Contains(a.Id));
            // From the join tables' indexes rather than testing every article: fast however rare the shared names are.
            var sharingIds = await ArticlesLinkedAsync("ArticleWorks", "WorksId", works, cancellationToken);
            sharingIds.UnionWith(await ArticlesLinkedAsync("ArticlePeople", "PeopleId", people, cancellationToken));
            sharingIds.UnionWith(await ArticlesLinkedAsync("ArticleTags", "TagsId", tags, cancellationToken));
            sharingIds.UnionWith(await db.ListItems.AsNoTracking().Where(i => i.WorkId != null && works.Contains(i.WorkId.Value)).Select(i => i.ArticleId).Take(MaxLinked).ToListAsync(cancellationToken));
            sharingIds.Remove(articleId);
            var sharing = sharingIds.ToList();
            var sameCategory = await publicArticles.Where(a => a.CategoryId == source.CategoryId)
                .OrderByDescending(a => a.PublishedAt).Select(a => a.Id).Take(30).ToListAsync(cancellationToken);
            var text = await search.SimilarAsync(KeyTerms(source.Title, source.Dek, source.WorkNames, source.PeopleNames, source.Headings), articleId, 40, cancellationToken);
            var textScores = text.ToDictionary(t => t.ArticleId, t => t.Score);

            var ids = sharing.Concat(sameCategory).Concat(text.Select(t => t.ArticleId)).Distinct().ToList();
            var candidates = await publicArticles
                .Where(a => ids.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    PublishedAt = a.PublishedAt!.Value,
                    a.CategoryId,
                    Works = a.Works.Count(w => works.Contains(w.Id)) + a.Items.Where(i => i.WorkId != null && works.Contains(i.WorkId.Value)).Select(i => i.WorkId).Distinct().Count(),
                    People = a.People.Count(p => people.Contains(p.Id)),
                    Tags = a.Tags.Count(t => tags.Contains(t.Id)),
                })
                .ToListAsync(cancellationToken);

            var scores = RelatedScoring.Rank(
                candidates.Select(c => new RelatedCandidate(c.Id, c.PublishedAt, c.Works, c.People, c.Tags, c.CategoryId == source.CategoryId, textScores.GetValueOrDefault(c.Id))),
                now,
                StoredCount);
            ranked = [.. scores.Select(s => s.ArticleId)];
            await db.RelatedStories.Where(r => r.ArticleId == articleId && r.Source == RelatedSource.Computed).ExecuteDeleteAsync(cancellationToken);
            var rows = scores.Select((s, rank) => new RelatedStory { ArticleId = articleId, RelatedArticleId = s.ArticleId, Source = RelatedSource.Computed, Rank = rank, Score = s.Score, UpdatedAt = now }).ToList();
            db.RelatedStories.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
        return ranked;
    }

    /// <summary>
    /// Drops every computed row (pins and exclusions stay), so the background job computes them
    /// again: after an import, which writes articles without the editor's change handlers.
    /// </summary>
    public Task<int> ForgetComputedAsync(CancellationToken cancellationToken) =>
        db.RelatedStories.Where(r => r.Source == RelatedSource.Computed).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Recomputes every article's related stories at once (the benchmark; the site catches up in the background).</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            await RecomputeAsync(id, cancellationToken);
        }
    }

    /// <summary>The words that say what an article is about: title, dek, names and item headings, stop words dropped.</summary>
    internal static IReadOnlyList<string> KeyTerms(string title, string dek, IEnumerable<string> works, IEnumerable<string> people, IEnumerable<string> headings) =>
        [.. SearchText.Terms(title).Concat(works.SelectMany(SearchText.Terms)).Concat(people.SelectMany(SearchText.Terms))
            .Concat(headings.SelectMany(SearchText.Terms)).Concat(SearchText.Terms(dek))
            .Where(t => t.Length > 1 && !StopWords.Contains(t))
            .Distinct(StringComparer.Ordinal)
            .Take(10)];

    private async Task<HashSet<int>> ArticlesLinkedAsync(string joinTable, string column, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var linked = await db.Set<Dictionary<string, object>>(joinTable).AsNoTracking()
            .Where(j => ids.Contains(EF.Property<int>(j, column)))
            .OrderByDescending(j => EF.Property<int>(j, "ArticleId"))
            .Select(j => EF.Property<int>(j, "ArticleId"))
            .Take(MaxLinked)
            .ToListAsync(cancellationToken);
        return [.. linked];
    }

    private async Task CheckPairAsync(int articleId, int relatedId, CancellationToken cancellationToken)
    {
        if (articleId == relatedId)
        {
            throw new ArgumentException("A story cannot be related to itself.", nameof(relatedId));
        }

        var found = await db.Articles.CountAsync(a => a.Id == articleId || a.Id == relatedId, cancellationToken);
        if (found != 2)
        {
            throw new KeyNotFoundException($"Article {articleId} or {relatedId} does not exist.");
        }
    }

    private async Task SetChoiceAsync(int articleId, int relatedId, RelatedSource source, int rank, CancellationToken cancellationToken)
    {
        await db.RelatedStories.Where(r => r.ArticleId == articleId && r.RelatedArticleId == relatedId).ExecuteDeleteAsync(cancellationToken);
        var row = new RelatedStory { ArticleId = articleId, RelatedArticleId = relatedId, Source = source, Rank = rank, UpdatedAt = Now };
        db.RelatedStories.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
    }

    private async Task ClearChoiceAsync(int articleId, int relatedId, RelatedSource source, CancellationToken cancellationToken)
    {
        await db.RelatedStories.Where(r => r.ArticleId == articleId && r.RelatedArticleId == relatedId && r.Source == source).ExecuteDeleteAsync(cancellationToken);
        await RecomputeAsync(articleId, cancellationToken);
    }
}
