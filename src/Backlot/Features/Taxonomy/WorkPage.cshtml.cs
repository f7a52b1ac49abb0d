using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Taxonomy;

/// <summary>A film or series: what it is, every listicle item about it across the site, then every story about it.</summary>
public sealed class WorkPageModel(ArticleReader reader, BacklotDb db, StructuredData structuredData) : ArchivePageModel(reader)
{
    public string Title { get; private set; } = "";
    public WorkKind Kind { get; private set; }
    public int? Year { get; private set; }
    public string Summary { get; private set; } = "";
    public IReadOnlyList<string> AlternateTitles { get; private set; } = [];
    public IReadOnlyList<WorkItemView> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var work = await db.Works.AsNoTracking().FirstOrDefaultAsync(w => w.Slug == slug, cancellationToken);
        if (work is null)
        {
            return NotFound();
        }

        if (await LoadArticlesAsync(new ArticleFilter(WorkId: work.Id), cancellationToken) is { } error)
        {
            return error;
        }

        (Title, Kind, Year, Summary, AlternateTitles) = (work.Title, work.Kind, work.Year, work.Summary, work.AlternateTitles);
        Items = Articles.Page == 1 ? await Reader.ItemsAboutWorkAsync(work.Id, cancellationToken) : [];
        var path = $"/work/{slug}";
        Meta = new PageMeta
        {
            Feeds = FeedLink.For("work", work.Slug, work.Title),
            Title = Articles.Page == 1 ? $"Behind the scenes of {work.Title}" : $"{work.Title}, page {Articles.Page}",
            Description = work.Summary.Length > 0 ? work.Summary : $"Stories and details about {work.Title}.",
            CanonicalPath = CanonicalPath(path),
            StructuredData = [structuredData.Breadcrumbs(("Home", "/"), (work.Title, path))],
        };
        return Page();
    }
}
