using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>A story an editor pinned or excluded, for the article editor's related-stories panel.</summary>
public sealed record RelatedChoice(int ArticleId, string Title, string Path, RelatedSource Source, int Rank);

/// <summary>A computed story with its score and what it shares with the article, for the editor's related-stories page.</summary>
public sealed record RelatedSuggestion(int ArticleId, string Title, string Path, int Rank, double Score, IReadOnlyList<string> Reasons);

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

    /// <summary>The newest articles of the same section considered, whatever they share.</summary>
    private const int SameSectionCount = 30;

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

    /// <summary>Moves a pin <paramref name="by"/> places (negative: earlier); pins keep ranks 0, 1, 2… in their new order.</summary>
    public async Task MovePinAsync(int articleId, int relatedId, int by, CancellationToken cancellationToken)
    {
        var pins = await db.RelatedStories
            .Where(r => r.ArticleId == articleId && r.Source == RelatedSource.Pinned)
            .OrderBy(r => r.Rank).ThenBy(r => r.UpdatedAt)
            .ToListAsync(cancellationToken);
        var index = pins.FindIndex(p => p.RelatedArticleId == relatedId);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Article {relatedId} is not pinned to article {articleId}.");
        }

        var pin = pins[index];
        pins.RemoveAt(index);
        pins.Insert(Math.Clamp(index + by, 0, pins.Count), pin);
        for (var rank = 0; rank < pins.Count; rank++)
        {
            pins[rank].Rank = rank;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in pins)
        {
            db.Entry(row).State = EntityState.Detached;
        }

        await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
    }

    /// <summary>The stored computed stories, best first, with what each shares with the article (works, people, tags, section).</summary>
    public async Task<List<RelatedSuggestion>> SuggestionsAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = db.Articles.AsNoTracking().Where(a => a.Id == articleId);
        var categoryId = await article.Select(a => a.CategoryId).FirstOrDefaultAsync(cancellationToken);
        var works = await article.SelectMany(a => a.Works).Select(w => w.Id)
            .Union(db.ListItems.Where(i => i.ArticleId == articleId && i.WorkId != null).Select(i => i.WorkId!.Value))
            .ToListAsync(cancellationToken);
        var people = await article.SelectMany(a => a.People).Select(p => p.Id).ToListAsync(cancellationToken);
        var tags = await article.SelectMany(a => a.Tags).Select(t => t.Id).ToListAsync(cancellationToken);
        var rows = await db.RelatedStories.AsNoTracking()
            .Where(r => r.ArticleId == articleId && r.Source == RelatedSource.Computed)
            .OrderBy(r => r.Rank)
            .Select(r => new
            {
                r.RelatedArticleId,
                r.Related.Title,
                Category = r.Related.Category.Slug,
                r.Related.Slug,
                r.Rank,
                r.Score,
                r.UpdatedAt,
                PublishedAt = r.Related.PublishedAt ?? r.UpdatedAt,
                SameCategory = r.Related.CategoryId == categoryId,
                Works = r.Related.Works.Where(w => works.Contains(w.Id)).Select(w => w.Title).ToList(),
                ItemWorks = r.Related.Items.Where(i => i.WorkId != null && works.Contains(i.WorkId.Value)).Select(i => i.Work!.Title).ToList(),
                People = r.Related.People.Where(p => people.Contains(p.Id)).Select(p => p.Name).ToList(),
                Tags = r.Related.Tags.Where(t => tags.Contains(t.Id)).Select(t => t.Name).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r =>
        {
            List<string> reasons = [];
            var sharedWorks = r.Works.Concat(r.ItemWorks).Distinct(StringComparer.Ordinal).ToList();
            AddReason(reasons, sharedWorks.Count == 1 ? "work" : "works", sharedWorks);
            AddReason(reasons, "people", r.People);
            AddReason(reasons, r.Tags.Count == 1 ? "tag" : "tags", r.Tags);
            if (r.SameCategory)
            {
                reasons.Add("same section");
            }

            // Whatever the links do not explain came from text likeness (scores were computed at UpdatedAt).
            var links = RelatedScoring.LinkAffinity(sharedWorks.Count, r.People.Count, r.Tags.Count, r.SameCategory);
            if ((r.Score / RelatedScoring.Recency(r.PublishedAt, r.UpdatedAt)) - links > 0.05)
            {
                reasons.Add("similar wording");
            }

            return new RelatedSuggestion(r.RelatedArticleId, r.Title, ArticleUrls.PathOf(r.Category, r.Slug), r.Rank, r.Score, reasons);
        })];
    }

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
    /// After an article changed: recomputes its own related stories now, marks its neighbours (those
    /// that list it, and those it now lists) stale for <see cref="RelatedRefresher"/>, and evicts the
    /// cached pages that link to it. Returns how many neighbours were marked.
    /// </summary>
    public async Task<int> ArticleChangedAsync(int articleId, CancellationToken cancellationToken)
    {
        var referrers = await db.RelatedStories.AsNoTracking()
            .Where(r => r.RelatedArticleId == articleId && r.Source == RelatedSource.Computed)
            .OrderByDescending(r => r.Score)
            .Select(r => r.ArticleId)
            .Take(MaxAffected)
            .ToListAsync(cancellationToken);
        var chosen = await RecomputeAsync(articleId, cancellationToken);
        var affected = referrers.Concat(chosen).Distinct().Where(id => id != articleId).Take(MaxAffected).ToList();
        await MarkStaleAsync(affected, cancellationToken);

        // Pages that link to the article show its title and image, which may have changed even where
        // their list did not (a recompute evicts only changed lists); pins link to it as well.
        var showing = await db.RelatedStories.AsNoTracking()
            .Where(r => r.RelatedArticleId == articleId && r.Source != RelatedSource.Excluded)
            .Select(r => r.ArticleId)
            .ToListAsync(cancellationToken);
        foreach (var id in showing.Append(articleId).Distinct())
        {
            await cache.EvictByTagAsync(PublicPageCache.ArticleTag(id), cancellationToken);
        }

        return affected.Count;
    }

    /// <summary>
    /// Queues articles for recomputation (<see cref="StaleRelatedStories"/>) in one statement: a new
    /// row, or a bumped generation for one already queued (claimed or not), so no change is lost.
    /// </summary>
    public async Task MarkStaleAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        if (articleIds.Count == 0)
        {
            return;
        }

        // Only articles that still exist (a neighbour may be deleted meanwhile; the row would break its foreign key).
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "StaleRelatedStories" ("ArticleId", "StaleSince", "Generation")
                SELECT a."Id", {0}, 1 FROM "Articles" a WHERE a."Id" IN (SELECT value FROM json_each({1}))
                ON CONFLICT ("ArticleId") DO UPDATE SET "Generation" = "StaleRelatedStories"."Generation" + 1
                """,
                [Now, System.Text.Json.JsonSerializer.Serialize(articleIds)], cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "StaleRelatedStories" ("ArticleId", "StaleSince", "Generation")
                SELECT a."Id", {0}, 1 FROM "Articles" a WHERE a."Id" = ANY({1})
                ON CONFLICT ("ArticleId") DO UPDATE SET "Generation" = "StaleRelatedStories"."Generation" + 1
                """,
                [Now, articleIds.ToArray()], cancellationToken);
        }
    }

    /// <summary>How long a claim on stale articles lasts: a batch takes a second or two; a worker that died frees its batch after this.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> stale articles (oldest first, skipping rows another
    /// worker holds: FOR UPDATE SKIP LOCKED on PostgreSQL, a single atomic UPDATE on SQLite, which has
    /// one writer), recomputes each (evicting its page when its list changed), and removes the rows
    /// not marked again meanwhile. Returns how many were claimed.
    /// </summary>
    public async Task<int> RefreshStaleAsync(int batchSize, CancellationToken cancellationToken, TimeSpan? lease = null)
    {
        var now = Now;
        var claimed = await db.Database.SqlQueryRaw<ClaimedRow>(
            db.Database.IsSqlite()
                ? """
                  UPDATE "StaleRelatedStories" SET "ClaimedUntil" = {0}
                  WHERE "ArticleId" IN (
                      SELECT "ArticleId" FROM "StaleRelatedStories" WHERE "ClaimedUntil" IS NULL OR "ClaimedUntil" < {1}
                      ORDER BY "StaleSince" LIMIT {2})
                  RETURNING "ArticleId", "Generation"
                  """
                : """
                  UPDATE "StaleRelatedStories" SET "ClaimedUntil" = {0}
                  WHERE "ArticleId" IN (
                      SELECT "ArticleId" FROM "StaleRelatedStories" WHERE "ClaimedUntil" IS NULL OR "ClaimedUntil" < {1}
                      ORDER BY "StaleSince" LIMIT {2} FOR UPDATE SKIP LOCKED)
                  RETURNING "ArticleId", "Generation"
                  """,
            now + (lease ?? ClaimLease), now, batchSize)
            .ToListAsync(cancellationToken);

        foreach (var row in claimed)
        {
            await RecomputeAsync(row.ArticleId, cancellationToken);
            var removed = await db.Set<StaleRelatedStories>()
                .Where(s => s.ArticleId == row.ArticleId && s.Generation == row.Generation)
                .ExecuteDeleteAsync(cancellationToken);
            if (removed == 0)
            {
                // Marked again while it was computed: free it for the next pass.
                await db.Set<StaleRelatedStories>().Where(s => s.ArticleId == row.ArticleId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedUntil, (DateTime?)null), cancellationToken);
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// Computes one article's related stories and stores them (computed rows only), returning them
    /// best first. A handful of index-backed queries: the article's links in one, the articles sharing
    /// them (and the newest of its section) in another, text likeness from the search index, then the
    /// candidates' dates. Nothing is written, and no page evicted, when the list comes out the same.
    /// </summary>
    /// <remarks>
    /// Recomputes of one article are serialised: the read of the stored list and the write of the new
    /// one run in one transaction holding the article's lock (a transaction-scoped advisory lock on
    /// PostgreSQL; on SQLite the write lock, which an immediate transaction takes at its start). Two
    /// writers (the seeder or an editor's save, the background refresher, another instance) could
    /// otherwise both read "no rows" and both insert the same pairs. In a caller's transaction (the
    /// seeder, the importer) the lock is taken there and held until the caller commits.
    /// </remarks>
    public async Task<IReadOnlyList<int>> RecomputeAsync(int articleId, CancellationToken cancellationToken)
    {
        bool changed;
        IReadOnlyList<int> ranked;
        try
        {
            if (db.Database.CurrentTransaction is not null)
            {
                await LockArticleAsync(articleId, cancellationToken);
                (ranked, changed) = await RecomputeLockedAsync(articleId, cancellationToken);
            }
            else
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await LockArticleAsync(articleId, cancellationToken);
                (ranked, changed) = await RecomputeLockedAsync(articleId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            // The context may be the editor's: rows this failed attempt left tracked must not be saved by its next SaveChanges.
            foreach (var entry in db.ChangeTracker.Entries<RelatedStory>().ToList())
            {
                entry.State = EntityState.Detached;
            }

            throw;
        }

        if (changed)
        {
            await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
        }

        return ranked;
    }

    /// <summary>Namespace of the PostgreSQL advisory locks taken per article by <see cref="RecomputeAsync"/> ("RS").</summary>
    private const int RelatedLockClass = 0x5253;

    private async Task LockArticleAsync(int articleId, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // Microsoft.Data.Sqlite begins transactions IMMEDIATE, which takes the write lock already;
            // a write here makes sure of it inside a caller's deferred transaction too.
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "RelatedStories" WHERE 0""", cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [RelatedLockClass, articleId], cancellationToken);
        }
    }

    private async Task<(IReadOnlyList<int> Ranked, bool Changed)> RecomputeLockedAsync(int articleId, CancellationToken cancellationToken)
    {
        var now = Now;
        var source = await db.Articles.AsNoTracking()
            .Where(a => a.Id == articleId)
            .Select(a => new { a.Title, a.Dek, a.CategoryId })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return ([], false);
        }

        var own = await OwnLinksAsync(articleId, cancellationToken);
        var works = own.Where(l => l.Kind == LinkKind.Work).Select(l => l.LinkId).Distinct().ToList();
        var people = own.Where(l => l.Kind == LinkKind.Person).Select(l => l.LinkId).Distinct().ToList();
        var tags = own.Where(l => l.Kind == LinkKind.Tag).Select(l => l.LinkId).Distinct().ToList();
        var terms = KeyTerms(
            source.Title,
            source.Dek,
            own.Where(l => l.Kind == LinkKind.Work).Select(l => l.Name).Distinct(StringComparer.Ordinal),
            own.Where(l => l.Kind == LinkKind.Person).Select(l => l.Name),
            own.Where(l => l.Kind == LinkKind.Heading).Select(l => l.Name));

        // Every row for this article: the computed ones to compare with, the editor's choices to leave out.
        var stored = await db.RelatedStories.AsTracking().Where(r => r.ArticleId == articleId).ToListAsync(cancellationToken);
        var chosen = stored.Where(r => r.Source != RelatedSource.Computed).Select(r => r.RelatedArticleId).ToHashSet();

        var linked = await SharingAsync(articleId, source.CategoryId, works, people, tags, cancellationToken);
        var text = await search.SimilarAsync(terms, articleId, 40, cancellationToken);
        var textScores = text.ToDictionary(t => t.ArticleId, t => t.Score);

        var ids = linked.Keys.Concat(textScores.Keys).Where(id => id != articleId && !chosen.Contains(id)).Distinct().ToList();
        var visible = await PublicDocuments(now)
            .Where(d => ids.Contains(d.ArticleId))
            .Select(d => new { Id = d.ArticleId, d.PublishedAt, d.CategoryId })
            .ToListAsync(cancellationToken);

        // Text and section candidates beyond the newest sharing articles may still share a link: count theirs exactly.
        var unlinked = visible.Select(v => v.Id).Where(id => !linked.ContainsKey(id)).ToList();
        foreach (var (id, counts) in await SharedCountsAsync(unlinked, works, people, tags, cancellationToken))
        {
            linked[id] = counts;
        }

        var scores = RelatedScoring.Rank(
            visible.Select(c =>
            {
                var counts = linked.GetValueOrDefault(c.Id);
                return new RelatedCandidate(c.Id, c.PublishedAt, counts.Works, counts.People, counts.Tags, c.CategoryId == source.CategoryId, textScores.GetValueOrDefault(c.Id));
            }),
            now,
            StoredCount);
        List<int> ranked = [.. scores.Select(s => s.ArticleId)];

        var current = stored.Where(r => r.Source == RelatedSource.Computed).OrderBy(r => r.Rank).ToList();
        if (current.Select(r => r.RelatedArticleId).SequenceEqual(ranked))
        {
            // Same stories in the same order: the page is right as it is. Scores keep the time they were computed at.
            StopTracking(stored);
            return (ranked, false);
        }

        var byRelated = current.ToDictionary(r => r.RelatedArticleId);
        List<RelatedStory> added = [];
        for (var rank = 0; rank < scores.Count; rank++)
        {
            var (relatedId, score) = scores[rank];
            if (byRelated.Remove(relatedId, out var row))
            {
                (row.Rank, row.Score, row.UpdatedAt) = (rank, score, now);
            }
            else
            {
                var fresh = new RelatedStory { ArticleId = articleId, RelatedArticleId = relatedId, Source = RelatedSource.Computed, Rank = rank, Score = score, UpdatedAt = now };
                db.RelatedStories.Add(fresh);
                added.Add(fresh);
            }
        }

        db.RelatedStories.RemoveRange(byRelated.Values);
        await db.SaveChangesAsync(cancellationToken);
        StopTracking(stored.Concat(added));
        return (ranked, true);
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

    /// <summary>The article's works (its own and its items'), people, tags and item headings, in one query.</summary>
    private Task<List<OwnLink>> OwnLinksAsync(int articleId, CancellationToken cancellationToken)
    {
        var article = db.Articles.AsNoTracking().Where(a => a.Id == articleId);
        var items = db.ListItems.AsNoTracking().Where(i => i.ArticleId == articleId);
        return article.SelectMany(a => a.Works).Select(w => new OwnLink { Kind = LinkKind.Work, LinkId = w.Id, Name = w.Title })
            .Concat(items.Where(i => i.WorkId != null).Select(i => new OwnLink { Kind = LinkKind.Work, LinkId = i.WorkId!.Value, Name = i.Work!.Title }))
            .Concat(article.SelectMany(a => a.People).Select(p => new OwnLink { Kind = LinkKind.Person, LinkId = p.Id, Name = p.Name }))
            .Concat(article.SelectMany(a => a.Tags).Select(t => new OwnLink { Kind = LinkKind.Tag, LinkId = t.Id, Name = "" }))
            .Concat(items.Select(i => new OwnLink { Kind = LinkKind.Heading, LinkId = 0, Name = i.Heading }))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Articles sharing a work, person or tag (the newest <see cref="MaxLinked"/> links of each kind,
    /// from the join tables' indexes) and the newest of the same section, with what each shares, in one query.
    /// </summary>
    private async Task<Dictionary<int, SharedCounts>> SharingAsync(int articleId, int categoryId, List<int> works, List<int> people, List<int> tags, CancellationToken cancellationToken)
    {
        var rows = await LinkRows("ArticleWorks", "WorksId", LinkKind.Work, works).OrderByDescending(r => r.ArticleId).Take(MaxLinked)
            .Concat(db.ListItems.AsNoTracking().Where(i => i.WorkId != null && works.Contains(i.WorkId.Value))
                .Select(i => new LinkRow { ArticleId = i.ArticleId, Kind = LinkKind.Work, LinkId = i.WorkId!.Value })
                .OrderByDescending(r => r.ArticleId).Take(MaxLinked))
            .Concat(LinkRows("ArticlePeople", "PeopleId", LinkKind.Person, people).OrderByDescending(r => r.ArticleId).Take(MaxLinked))
            .Concat(LinkRows("ArticleTags", "TagsId", LinkKind.Tag, tags).OrderByDescending(r => r.ArticleId).Take(MaxLinked))
            .Concat(db.SearchDocuments.AsNoTracking().Where(d => d.PublishedAt <= Now && d.CategoryId == categoryId && d.ArticleId != articleId)
                .OrderByDescending(d => d.PublishedAt).Take(SameSectionCount)
                .Select(d => new LinkRow { ArticleId = d.ArticleId, Kind = LinkKind.Section, LinkId = 0 }))
            .ToListAsync(cancellationToken);

        // A kind cut off at MaxLinked may end part-way through its oldest article: leave that one to the exact count.
        var cut = rows.Where(r => r.Kind != LinkKind.Section).GroupBy(r => r.Kind).Where(g => g.Count() >= MaxLinked).Select(g => g.Min(r => r.ArticleId)).ToHashSet();
        return rows.Where(r => !cut.Contains(r.ArticleId)).GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => Count(g));
    }

    /// <summary>What each of a few articles shares with the article, counted exactly through the join tables' primary keys.</summary>
    private async Task<Dictionary<int, SharedCounts>> SharedCountsAsync(List<int> articleIds, List<int> works, List<int> people, List<int> tags, CancellationToken cancellationToken)
    {
        if (articleIds.Count == 0 || works.Count + people.Count + tags.Count == 0)
        {
            return [];
        }

        var rows = await LinkRows("ArticleWorks", "WorksId", LinkKind.Work, works).Where(r => articleIds.Contains(r.ArticleId))
            .Concat(db.ListItems.AsNoTracking().Where(i => articleIds.Contains(i.ArticleId) && i.WorkId != null && works.Contains(i.WorkId.Value))
                .Select(i => new LinkRow { ArticleId = i.ArticleId, Kind = LinkKind.Work, LinkId = i.WorkId!.Value }))
            .Concat(LinkRows("ArticlePeople", "PeopleId", LinkKind.Person, people).Where(r => articleIds.Contains(r.ArticleId)))
            .Concat(LinkRows("ArticleTags", "TagsId", LinkKind.Tag, tags).Where(r => articleIds.Contains(r.ArticleId)))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ArticleId).ToDictionary(g => g.Key, g => Count(g));
    }

    /// <summary>
    /// Public articles by their search documents, which exist exactly for published and scheduled
    /// articles (<see cref="SearchIndexWriter"/>), so "due by now" is <see cref="ArticleVisibility"/>'s
    /// rule. Read through the documents' narrow index: looking hundreds of candidates up by id in the
    /// wide Articles rows (bodies and all) cost tens of milliseconds on SQLite. The page checks
    /// visibility again when it reads the stored rows.
    /// </summary>
    private IQueryable<SearchDocument> PublicDocuments(DateTime now) =>
        (db.Database.IsSqlite() ? db.SearchDocuments.FromSqlRaw(SqliteDocuments) : db.SearchDocuments).AsNoTracking().Where(d => d.PublishedAt <= now);

    /// <summary>Without it SQLite looks candidates up by rowid, in the wide rows (SearchDocumentConfiguration.FilterIndex covers what is read).</summary>
    private const string SqliteDocuments = $"""SELECT * FROM "SearchDocuments" INDEXED BY "{SearchDocumentConfiguration.FilterIndex}" """;

    private IQueryable<LinkRow> LinkRows(string joinTable, string column, LinkKind kind, List<int> ids) =>
        db.Set<Dictionary<string, object>>(joinTable).AsNoTracking()
            .Where(j => ids.Contains(EF.Property<int>(j, column)))
            .Select(j => new LinkRow { ArticleId = EF.Property<int>(j, "ArticleId"), Kind = kind, LinkId = EF.Property<int>(j, column) });

    private static SharedCounts Count(IEnumerable<LinkRow> rows)
    {
        var list = rows.ToList();
        int Distinct(LinkKind kind) => list.Where(r => r.Kind == kind).Select(r => r.LinkId).Distinct().Count();
        return new SharedCounts(Distinct(LinkKind.Work), Distinct(LinkKind.Person), Distinct(LinkKind.Tag));
    }

    /// <summary>
    /// Stops tracking rows this class loaded or added: the context may be the editor's, and a row
    /// left tracked would clash with a pin or exclusion of the same pair added later in the scope.
    /// </summary>
    private void StopTracking(IEnumerable<RelatedStory> rows)
    {
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    private static void AddReason(List<string> reasons, string label, List<string> names)
    {
        if (names.Count > 0)
        {
            reasons.Add($"{label}: {string.Join(", ", names)}");
        }
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
        // Under the article's lock, so a recompute cannot insert the same pair as a computed row meanwhile.
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            await LockArticleAsync(articleId, cancellationToken);
            await db.RelatedStories.Where(r => r.ArticleId == articleId && r.RelatedArticleId == relatedId).ExecuteDeleteAsync(cancellationToken);
            var row = new RelatedStory { ArticleId = articleId, RelatedArticleId = relatedId, Source = source, Rank = rank, UpdatedAt = Now };
            db.RelatedStories.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            db.Entry(row).State = EntityState.Detached;
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
    }

    private async Task ClearChoiceAsync(int articleId, int relatedId, RelatedSource source, CancellationToken cancellationToken)
    {
        await db.RelatedStories.Where(r => r.ArticleId == articleId && r.RelatedArticleId == relatedId && r.Source == source).ExecuteDeleteAsync(cancellationToken);
        await RecomputeAsync(articleId, cancellationToken);

        // The recompute evicts only when its list changed; the choice itself changed the page.
        await cache.EvictByTagAsync(PublicPageCache.ArticleTag(articleId), cancellationToken);
    }

    private enum LinkKind
    {
        Work,
        Person,
        Tag,
        Section,
        Heading,
    }

    /// <summary>One link of the article itself (a work, person, tag or item heading), with its name for the key terms.</summary>
    private sealed class OwnLink
    {
        public LinkKind Kind { get; init; }
        public int LinkId { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>One article sharing one link (or being of the same section).</summary>
    private sealed class LinkRow
    {
        public int ArticleId { get; init; }
        public LinkKind Kind { get; init; }
        public int LinkId { get; init; }
    }

    private readonly record struct SharedCounts(int Works, int People, int Tags);

    private sealed class ClaimedRow
    {
        public int ArticleId { get; init; }
        public int Generation { get; init; }
    }
}
