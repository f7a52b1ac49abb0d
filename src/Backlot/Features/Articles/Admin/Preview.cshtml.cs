using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backlot.Features.Articles.Admin;

/// <summary>An article of any status, drawn by the public page's own template, for its editors only.</summary>
public sealed class PreviewModel(ArticleReader reader, ArticleAccess access) : PageModel, IHasPageMeta
{
    public ArticleView Article { get; private set; } = null!;
    public PageMeta Meta { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var article = await reader.PreviewAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        if (!await access.MayEditAsync(User, id, cancellationToken))
        {
            return Forbid();
        }

        Article = article;
        Meta = new PageMeta { Title = "Preview: " + article.Title, NoIndex = true };
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
