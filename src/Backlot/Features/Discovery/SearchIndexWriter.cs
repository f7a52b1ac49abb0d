using Backlot.Data;
using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Keeps <see cref="SearchDocument"/> rows (and so the database's full-text index) in step with
/// articles: a published or scheduled article has a document; any other has none.
/// </summary>
public sealed class SearchIndexWriter(BacklotDb db)
{
    private const int BatchSize = 500;

    /// <summary>Brings the documents of these articles up to date, adding, replacing or removing each.</summary>
    public async Task IndexAsync(IReadOnlyCollection<int> articleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        foreach (var batch in articleIds.Distinct().Chunk(BatchSize))
        {
            var sources = await db.Articles.AsNoTracking()
                .Where(a => batch.Contains(a.Id))
                .Where(a => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled) && a.PublishedAt != null)
                .Select(a => new
                {
                    a.Id, a.Title, a.Dek, a.BodyHtml, a.CategoryId, a.Kind, PublishedAt = a.PublishedAt!.Value,
                    Items = a.Items.OrderBy(i => i.Position).Select(i => new { i.Heading, i.Caption, i.BodyHtml, Work = i.Work == null ? null : i.Work.Title }).ToList(),
                    Works = a.Works.Select(w => new { w.Title, w.AlternateTitles }).ToList(),
                    People = a.People.Select(p => p.Name).ToList(),
                    Tags = a.Tags.Select(t => t.Name).ToList(),
                })
                .AsSplitQuery()
                .ToListAsync(cancellationToken);

            await db.SearchDocuments.Where(d => batch.Contains(d.ArticleId)).ExecuteDeleteAsync(cancellationToken);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var documents = new List<SearchDocument>();
            foreach (var a in sources)
            {
                var workNames = a.Works.SelectMany(w => w.AlternateTitles.Prepend(w.Title)).Concat(a.Items.Select(i => i.Work).OfType<string>()).ToList();
                names.UnionWith(workNames);
                names.UnionWith(a.People);
                documents.Add(new SearchDocument
                {
                    ArticleId = a.Id,
                    Title = a.Title,
                    Dek = a.Dek,
                    Text = string.Join("\n", a.Items.Select(i => $"{i.Heading}. {i.Caption} {SearchText.PlainText(i.BodyHtml)}").Prepend(SearchText.PlainText(a.BodyHtml))),
                    Names = string.Join(" · ", workNames.Concat(a.People).Concat(a.Tags).Distinct(StringComparer.OrdinalIgnoreCase)),
                    CategoryId = a.CategoryId,
                    Kind = a.Kind,
                    PublishedAt = a.PublishedAt,
                });
            }

            db.SearchDocuments.AddRange(documents);
            await AddNamesAsync(names, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);

            // The context may be the editor's, saving again in the same scope: forget only what was added here.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is SearchDocument or SearchName).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Rebuilds every document: at first start on a site with articles, and after an import.</summary>
    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        await IndexAsync(ids, cancellationToken);
    }

    /// <summary>
    /// Finds documents out of step with their articles and indexes those articles again, a batch at a
    /// time: a published or scheduled article without a document, a document whose article is no longer
    /// either, and (when <paramref name="compareFields"/>) a document whose title, dek, section, kind or
    /// publish time differ from the article's. This is what makes the index durable: a process killed
    /// between an import's commit (or an editor's save) and the index update leaves such a difference,
    /// and the next pass (at start-up, then every half minute on every instance) mends it. Returns how
    /// many articles were indexed again.
    /// </summary>
    public async Task<int> ReconcileAsync(bool compareFields, CancellationToken cancellationToken)
    {
        var total = 0;
        var after = 0;
        while (true)
        {
            // Both sides as id sets (NOT IN), read from narrow indexes: the articles' (Status, PublishedAt)
            // index and the documents' key. A per-row lookup would read the wide article rows (bodies and all).
            var indexable = db.Articles.AsNoTracking()
                .Where(a => (a.Status == ArticleStatus.Published || a.Status == ArticleStatus.Scheduled) && a.PublishedAt != null)
                .Select(a => a.Id);
            var documented = db.SearchDocuments.AsNoTracking().Select(d => d.ArticleId);
            var missing = indexable.Where(id => !documented.Contains(id));
            var orphaned = documented.Where(id => !indexable.Contains(id));
            var query = missing.Concat(orphaned);
            if (compareFields)
            {
                query = query.Concat(db.SearchDocuments.AsNoTracking()
                    .Join(db.Articles.AsNoTracking(), d => d.ArticleId, a => a.Id, (d, a) => new { d, a })
                    .Where(x => x.d.Title != x.a.Title || x.d.Dek != x.a.Dek || x.d.CategoryId != x.a.CategoryId
                        || x.d.Kind != x.a.Kind || x.d.PublishedAt != x.a.PublishedAt)
                    .Select(x => x.a.Id));
            }

            // Ids only grow from batch to batch, so a document that somehow stays different cannot loop.
            var ids = await query.Where(id => id > after).Distinct().OrderBy(id => id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }

            await IndexAsync(ids, cancellationToken);
            total += ids.Count;
            after = ids[^1];
            if (ids.Count < BatchSize)
            {
                return total;
            }
        }
    }

    private async Task AddNamesAsync(HashSet<string> names, CancellationToken cancellationToken)
    {
        names.RemoveWhere(n => n.Length is 0 or > 300);
        if (names.Count == 0)
        {
            return;
        }

        var wanted = names.ToList();
        var known = await db.SearchNames.AsNoTracking().Where(n => wanted.Contains(n.Name)).Select(n => n.Name).ToListAsync(cancellationToken);
        var knownSet = known.ToHashSet(StringComparer.OrdinalIgnoreCase);
        db.SearchNames.AddRange(wanted.Where(n => !knownSet.Contains(n)).Select(n => new SearchName { Name = n }));
    }
}
