using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Authors;

public sealed class AuthorPageModel(ArticleReader reader, BacklotDb db, StructuredData structuredData) : ArchivePageModel(reader)
{
    public string Name { get; private set; } = "";
    public string Bio { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var author = await db.Authors.AsNoTracking().Where(a => a.Slug == slug).Select(a => new { a.Id, a.Name, a.Bio }).FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return NotFound();
        }

        if (await LoadArticlesAsync(new ArticleFilter(AuthorId: author.Id), cancellationToken) is { } error)
        {
            return error;
        }

        (Name, Bio) = (author.Name, author.Bio);
        var path = $"/author/{slug}";
        Meta = new PageMeta
        {
            Feeds = FeedLink.For("author", slug, author.Name),
            Title = Articles.Page == 1 ? author.Name : $"{author.Name}, page {Articles.Page}",
            Description = author.Bio.Length > 0 ? author.Bio : $"Stories by {author.Name}.",
            CanonicalPath = CanonicalPath(path),
            OpenGraphType = "profile",
            StructuredData = [structuredData.Breadcrumbs(("Home", "/"), (author.Name, path))],
        };
        return Page();
    }
}
