using System.Globalization;
using Backlot.Data;
using Backlot.Features.Admin;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles.Admin;

public sealed record ArticleRow(int Id, string Title, ArticleStatus Status, ArticleKind Kind, string Author, string Category, DateTime? PublishedAt, DateTime UpdatedAt, int Items);

/// <summary>All articles, newest change first, filtered by status, author, category and title words.</summary>
public sealed class ArticleListModel(BacklotDb db, SiteSettings settings) : AdminPage
{
    public const int PageSize = 25;

    public override string Title => "Articles";

    [BindProperty(SupportsGet = true)]
    public ArticleStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? AuthorId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<ArticleRow> Rows { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Authors { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public SiteProfile Site => settings.Current;
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (!ArchivePageModel.TryReadPageNumber(pageNumber, out var number))
        {
            return BadRequest();
        }

        PageNumber = number;
        var query = db.Articles.AsNoTracking();
        if (Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (AuthorId is { } author)
        {
            query = query.Where(a => a.AuthorId == author);
        }

        if (CategoryId is { } category)
        {
            query = query.Where(a => a.CategoryId == category);
        }

        foreach (var word in (Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6))
        {
            var pattern = "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(a => EF.Functions.Like(a.Title, pattern, "\\"));
        }

        Total = await query.CountAsync(cancellationToken);
        Rows = await query.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new ArticleRow(a.Id, a.Title, a.Status, a.Kind, a.Author.Name, a.Category.Name, a.PublishedAt, a.UpdatedAt, a.Items.Count))
            .ToListAsync(cancellationToken);
        Authors = await db.Authors.AsNoTracking().OrderBy(a => a.Name).Select(a => new SelectListItem(a.Name, a.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture))).ToListAsync(cancellationToken);
        return Page();
    }

    public string PageLink(int page) =>
        $"/admin/articles?page={page}&status={Status}&q={Uri.EscapeDataString(Q ?? "")}&authorId={AuthorId}&categoryId={CategoryId}";
}
