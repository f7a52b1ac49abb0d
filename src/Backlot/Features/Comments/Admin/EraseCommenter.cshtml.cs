using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backlot.Features.Comments.Admin;

/// <summary>
/// A commenter's request to be forgotten: find every comment of an email, see how many, then delete
/// them or anonymise them (the text stays). Administrators only: it is a data-protection request,
/// like managing users, and it cannot be undone.
/// </summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class EraseCommenterModel(CommentQueue queue, CommentModeration moderation) : AdminPage
{
    public const string DeleteMode = "delete";
    public const string AnonymiseMode = "anonymise";

    public override string Title => "Erase a commenter";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Mode { get; set; }

    /// <summary>Set after the preview step: what the erasure would touch.</summary>
    public CommenterFootprint? Footprint { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (!ReadEmail())
        {
            return Refused();
        }

        Footprint = await queue.FootprintAsync(Email!, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken cancellationToken)
    {
        if (!ReadEmail())
        {
            return Refused();
        }

        if (Mode is not (DeleteMode or AnonymiseMode))
        {
            ModelState.AddModelError(nameof(Mode), "Choose whether to delete the comments or anonymise them.");
            Footprint = await queue.FootprintAsync(Email!, cancellationToken);
            return Refused();
        }

        var count = await moderation.EraseCommenterAsync(Email!, Mode == DeleteMode, cancellationToken);
        var what = count == 1 ? "1 comment" : $"{count} comments";

        // The flash names no address: it travels in a cookie.
        Flash(count == 0 ? "That address has no comments; nothing was changed." : Mode == DeleteMode ? $"{what} deleted." : $"{what} anonymised; the text stays.");
        return Redirect("/admin/comments/erase");
    }

    private bool ReadEmail()
    {
        Email = CommentRules.NormalizeEmail(Email ?? "");
        if (Email.Length == 0)
        {
            ModelState.AddModelError(nameof(Email), "Enter the commenter's email address.");
        }
        else if (Email.Length > CommentRules.EmailMaxLength || !Email.Contains('@', StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address, such as name@example.com.");
        }

        return ModelState.ErrorCount == 0;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
