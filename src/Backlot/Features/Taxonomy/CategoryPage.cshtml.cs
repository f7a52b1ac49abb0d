using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Taxonomy;

public sealed class CategoryPageModel(ArticleReader reader, BacklotDb db, StructuredData structuredData) : ArchivePageModel(reader)
{
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string category, CancellationToken cancellationToken)
    {
        var found = await db.Categories.AsNoTracking().Where(c => c.Slug == category)
            .Select(c => new { c.Id, c.Slug, c.Name, c.Description }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (await LoadArticlesAsync(new ArticleFilter(CategoryId: found.Id), cancellationToken, PublicPageCache.CategoryTag(found.Slug)) is { } error)
        {
            return error;
        }

        (Name, Description) = (found.Name, found.Description);
        Meta = new PageMeta
        {
            Feeds = FeedLink.For("category", found.Slug, found.Name),
            Title = Articles.Page == 1 ? found.Name : $"{found.Name}, page {Articles.Page}",
            Description = found.Description.Length > 0 ? found.Description : null,
            CanonicalPath = CanonicalPath("/" + found.Slug),
            StructuredData = [structuredData.Breadcrumbs(("Home", "/"), (found.Name, "/" + found.Slug))],
        };
        return Page();
    }
}
