using System.ComponentModel.DataAnnotations;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Media.Admin;

/// <summary>One image: alt text, caption and credit; deletion is refused while an article uses it.</summary>
[Authorize(Policy = Policies.Authors)]
public sealed class MediaItemModel(BacklotDb db, IMediaStore store, MediaLibrary library) : AdminPage
{
    public override string Title => $"Image #{Id}";

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty, StringLength(1000, ErrorMessage = "Alt text is longer than 1,000 characters.")]
    public string? AltText { get; set; }

    [BindProperty, StringLength(2000, ErrorMessage = "The caption is longer than 2,000 characters.")]
    public string? Caption { get; set; }

    [BindProperty, StringLength(300, ErrorMessage = "The credit is longer than 300 characters.")]
    public string? Credit { get; set; }

    public MediaAsset Asset { get; private set; } = null!;
    public IReadOnlyList<string> UsedBy { get; private set; } = [];
    public string UrlOf(string name) => store.UrlOf(Asset.StorageKey, name);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        (AltText, Caption, Credit) = (Asset.AltText, Asset.Caption, Asset.Credit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await library.UpdateDetailsAsync(User, Id, AltText ?? "", Caption ?? "", Credit ?? "", cancellationToken))
        {
            case MediaEditOutcome.NotFound:
                return NotFound();
            case MediaEditOutcome.Forbidden:
                return Forbid();
            default:
                Flash("Image details saved.");
                return RedirectToPage(new { id = Id });
        }
    }

    /// <summary>Editors only: deleting media is theirs, as in WordPress.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!User.HasAtLeast(Roles.Editor))
        {
            return Forbid();
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (UsedBy.Count > 0)
        {
            ModelState.AddModelError(string.Empty, $"This image is used by {string.Join(", ", UsedBy.Select(t => $"“{t}”"))}; remove it there first.");
            (AltText, Caption, Credit) = (Asset.AltText, Asset.Caption, Asset.Credit);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await db.Media.Where(m => m.Id == Id).ExecuteDeleteAsync(cancellationToken);
        await store.DeleteAsync(Asset.StorageKey, cancellationToken);
        Flash("Image deleted.");
        return Redirect("/admin/media");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var asset = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == Id, cancellationToken);
        if (asset is null)
        {
            return false;
        }

        Asset = asset;
        UsedBy = await db.Articles.AsNoTracking()
            .Where(a => a.HeroMediaId == Id || a.Items.Any(i => i.MediaId == Id))
            .Select(a => a.Title).Take(5).ToListAsync(cancellationToken);
        return true;
    }
}
