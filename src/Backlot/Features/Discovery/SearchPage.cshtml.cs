using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>A search result shaped for the page: the article's card and a highlighted snippet (safe HTML).</summary>
public sealed record SearchResultView(ArticleCard Card, string SnippetHtml);

/// <summary>/search?q=…&amp;category=…&amp;kind=…&amp;page=…: ranked full-text search behind <see cref="ISearchIndex"/>.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Site.PublicPageCache.PolicyName)]
public sealed class SearchPageModel(ISearchIndex search, BacklotDb db, TimeProvider clock) : PageModel, IHasPageMeta
{
    public const int PageSize = 10;
    public const int MaxPage = 100;

    public string Query { get; private set; } = "";
    public string? Category { get; private set; }
    public ArticleKind? Kind { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public string? CorrectedQuery { get; private set; }
    public IReadOnlyList<SearchResultView> Results { get; private set; } = [];
    public IReadOnlyList<NamedLink> Categories { get; private set; } = [];
    public PageMeta Meta { get; private set; } = null!;

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(string? q, string? category, string? kind, CancellationToken cancellationToken)
    {
        // Cached like every list of articles: evicted when any article changes, so a search is never staler than the home page.
        HttpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context.Tags.Add(Site.PublicPageCache.ListsTag);
        Query = SearchText.Clean(q);
        Meta = new PageMeta { Title = Query.Length == 0 ? "Search" : $"Search: {Query}", NoIndex = true };
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new NamedLink(c.Slug, c.Name)).ToListAsync(cancellationToken);

        // Unknown filter values and page numbers are ignored rather than refused: a search page should always answer.
        int? categoryId = null;
        if (!string.IsNullOrEmpty(category) && Categories.FirstOrDefault(c => c.Slug == category) is { } chosen)
        {
            Category = chosen.Slug;
            categoryId = await db.Categories.Where(c => c.Slug == chosen.Slug).Select(c => c.Id).FirstAsync(cancellationToken);
        }

        Kind = kind switch { "story" => ArticleKind.Story, "listicle" => ArticleKind.Listicle, _ => null };
        // "page" is the Razor Pages route value, not the query string's, when bound as a parameter.
        PageNumber = int.TryParse(Request.Query["page"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxPage) : 1;
        if (SearchText.Terms(Query).Count == 0)
        {
            return Page();
        }

        var results = await search.SearchAsync(new SearchRequest(Query, categoryId, Kind, PageNumber, PageSize), cancellationToken);
        Total = results.Total;
        CorrectedQuery = results.CorrectedQuery;
        var ids = results.Hits.Select(h => h.ArticleId).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var cards = await db.Articles.AsNoTracking()
            .Where(ArticleVisibility.PublicAt(now))
            .Where(a => ids.Contains(a.Id))
            .Select(a => new ArticleCard(
                a.Id, a.Slug, a.Title, a.Dek, a.Kind, a.PublishedAt!.Value,
                new NamedLink(a.Category.Slug, a.Category.Name),
                new NamedLink(a.Author.Slug, a.Author.Name),
                a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
                a.Items.Count))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        Results = [.. results.Hits.Where(h => cards.ContainsKey(h.ArticleId)).Select(h => new SearchResultView(cards[h.ArticleId], SearchText.SnippetHtml(h.Snippet)))];
        return Page();
    }

    /// <summary>This search's URL on another page.</summary>
    public string PageUrl(int pageNumber)
    {
        var query = new Dictionary<string, string?> { ["q"] = Query, ["category"] = Category, ["kind"] = Kind?.ToString().ToLowerInvariant() };
        if (pageNumber > 1)
        {
            query["page"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
