using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Taxonomy;

public sealed class PersonPageModel(ArticleReader reader, BacklotDb db, StructuredData structuredData) : ArchivePageModel(reader)
{
    public string Name { get; private set; } = "";
    public string Bio { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Slug == slug).Select(p => new { p.Id, p.Name, p.Bio }).FirstOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        if (await LoadArticlesAsync(new ArticleFilter(PersonId: person.Id), cancellationToken) is { } error)
        {
            return error;
        }

        (Name, Bio) = (person.Name, person.Bio);
        var path = $"/person/{slug}";
        Meta = new PageMeta
        {
            Feeds = FeedLink.For("person", slug, person.Name),
            Title = Articles.Page == 1 ? person.Name : $"{person.Name}, page {Articles.Page}",
            Description = person.Bio.Length > 0 ? person.Bio : $"Stories about {person.Name}.",
            CanonicalPath = CanonicalPath(path),
            StructuredData = [structuredData.Breadcrumbs(("Home", "/"), (person.Name, path))],
        };
        return Page();
    }
}
