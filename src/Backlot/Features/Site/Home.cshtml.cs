using Backlot.Features.Articles;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Site;

public sealed class HomeModel(ArticleReader reader, SiteSettings site, Discovery.StructuredData structuredData) : ArchivePageModel(reader)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadArticlesAsync(ArticleFilter.All, cancellationToken, PublicPageCache.HomeTag) is { } error)
        {
            return error;
        }

        Meta = new PageMeta
        {
            Title = Articles.Page == 1 ? site.Current.Title : $"Latest stories, page {Articles.Page}",
            Description = site.Current.Tagline,
            CanonicalPath = CanonicalPath("/"),
            StructuredData = [structuredData.ForSite()],
        };
        return Page();
    }
}
