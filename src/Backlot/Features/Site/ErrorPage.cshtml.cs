using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backlot.Features.Site;

/// <summary>What readers see for an error status: re-executed by the status-code-pages middleware, keeping the status.</summary>
public sealed class ErrorPageModel : PageModel, IHasPageMeta
{
    public int Code { get; private set; }
    public PageMeta Meta { get; private set; } = null!;

    public void OnGet(int code)
    {
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        Meta = new PageMeta { Title = Heading, NoIndex = true };
    }

    public string Heading => Code switch
    {
        404 => "Page not found",
        400 => "That request didn’t make sense",
        403 => "You can’t open this page",
        429 => "Too many requests",
        >= 500 => "Something went wrong",
        _ => "That didn’t work",
    };

    public string Explanation => Code switch
    {
        404 => "The page may have moved, or the address may be mistyped. Try a search:",
        400 => "Part of the address is not valid (a page number, perhaps). Try a search instead:",
        429 => "Please wait a moment and try again.",
        >= 500 => "The error has been logged. Please try again in a moment.",
        _ => "Try a search instead:",
    };
}
