using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Site search by words in titles, deks and item headings. A plain substring match over public
/// articles for now; ranked full-text search comes with the search index.
/// </summary>
public sealed class SearchPageModel(BacklotDb db, TimeProvider clock) : PageModel, IHasPageMeta
{
    public const int MaxQueryLength = 200;

    public string Query { get; private set; } = "";
    public IReadOnlyList<ArticleCard> Results { get; private set; } = [];
    public PageMeta Meta { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        // Control characters (NUL among them) mean nothing in a search and some databases refuse them.
        Query = new string((q ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (Query.Length > MaxQueryLength)
        {
            Query = Query[..MaxQueryLength];
        }

        Meta = new PageMeta { Title = Query.Length == 0 ? "Search" : $"Search: {Query}", NoIndex = true };
        var words = Query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToList();
        if (words.Count == 0)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now));
        foreach (var word in words)
        {
            var pattern = "%" + EscapeLike(word) + "%";
            query = query.Where(a => EF.Functions.Like(a.Title, pattern, "\\")
                || EF.Functions.Like(a.Dek, pattern, "\\")
                || a.Items.Any(i => EF.Functions.Like(i.Heading, pattern, "\\")));
        }

        Results = await query
            .OrderByDescending(a => a.PublishedAt)
            .Take(30)
            .Select(a => new ArticleCard(
                a.Id, a.Slug, a.Title, a.Dek, a.Kind, a.PublishedAt!.Value,
                new NamedLink(a.Category.Slug, a.Category.Name),
                new NamedLink(a.Author.Slug, a.Author.Name),
                a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
                a.Items.Count))
            .ToListAsync(cancellationToken);
        return Page();
    }

    private static string EscapeLike(string word) =>
        word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
