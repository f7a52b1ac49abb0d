using System.Globalization;
using Backlot.Features.Articles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Backlot.Features.Site;

/// <summary>A paginated list of articles (home, category, tag, work, person, author): page-number rules and cache tags in one place.</summary>
[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public abstract class ArchivePageModel(ArticleReader reader) : PageModel, IHasPageMeta
{
    public ArticlePageOf<ArticleCard> Articles { get; private set; } = null!;
    public PageMeta Meta { get; protected set; } = null!;

    /// <summary>The path pagination links append "?page=N" to.</summary>
    public string ListPath => Request.Path;

    protected ArticleReader Reader => reader;

    /// <summary>
    /// Loads one page of articles. Returns an error result for a page number that is not a positive
    /// integer (400) or past the last page (404), and null when the page is ready to render.
    /// </summary>
    protected async Task<IActionResult?> LoadArticlesAsync(ArticleFilter filter, CancellationToken cancellationToken, params string[] cacheTags)
    {
        if (!TryReadPageNumber(Request.Query["page"], out var page))
        {
            return BadRequest();
        }

        Articles = await reader.ListAsync(filter, page, cancellationToken);
        if (page > 1 && page > Articles.PageCount)
        {
            return NotFound();
        }

        var tags = HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags;
        if (tags is not null)
        {
            tags.Add(PublicPageCache.ListsTag);
            foreach (var tag in cacheTags)
            {
                tags.Add(tag);
            }
        }

        return null;
    }

    /// <summary>The canonical path of the current page of the list: page 1 has no query string.</summary>
    protected string CanonicalPath(string path) =>
        Articles.Page > 1 ? $"{path}?page={Articles.Page.ToString(CultureInfo.InvariantCulture)}" : path;

    public static bool TryReadPageNumber(string? raw, out int page)
    {
        page = 1;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page >= 1;
    }
}
