using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Taxonomy;

public sealed class TagPageModel(ArticleReader reader, BacklotDb db, StructuredData structuredData) : ArchivePageModel(reader)
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(cancellationToken);
        if (tag is null)
        {
            return NotFound();
        }

        if (await LoadArticlesAsync(new ArticleFilter(TagId: tag.Id), cancellationToken) is { } error)
        {
            return error;
        }

        Name = tag.Name;
        var path = $"/tag/{slug}";
        Meta = new PageMeta
        {
            Feeds = FeedLink.For("tag", slug, tag.Name),
            Title = Articles.Page == 1 ? $"Stories tagged “{tag.Name}”" : $"Stories tagged “{tag.Name}”, page {Articles.Page}",
            Description = $"Every story about {tag.Name}.",
            CanonicalPath = CanonicalPath(path),
            StructuredData = [structuredData.Breadcrumbs(("Home", "/"), (tag.Name, path))],
        };
        return Page();
    }
}
