using System.Text;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Import.Admin;

/// <summary>Upload a WordPress export; the import runs in the background (<see cref="ImportJobs"/>) and its page shows progress.</summary>
[Authorize(Policy = Policies.Administrators)]
[RequestSizeLimit(MaxUploadBytes + 64 * 1024), RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportPageModel(ImportJobs jobs) : AdminPage
{
    public const long MaxUploadBytes = 1L << 30;

    public override string Title => "Import from WordPress";

    [BindProperty]
    public IFormFile? Export { get; set; }

    [BindProperty]
    public bool DryRun { get; set; }

    public IReadOnlyList<ImportJob> Recent => jobs.Recent;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Export is not { Length: > 0 } upload)
        {
            ModelState.AddModelError(nameof(Export), "Choose a WordPress export file (Tools → Export in WordPress; an .xml file).");
        }
        else if (!await LooksLikeWxrAsync(upload, cancellationToken))
        {
            ModelState.AddModelError(nameof(Export), $"{upload.FileName} is not a WordPress export: it should be an XML file that starts with <rss>.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await using var stream = Export!.OpenReadStream();
        var job = await jobs.EnqueueAsync(stream, Export.FileName, DryRun, User.Identity?.Name ?? "", cancellationToken);
        return Redirect($"/admin/import/{job.Id:N}");
    }

    /// <summary>The first few kilobytes must be XML whose root is rss: anything else is refused before it is stored.</summary>
    private static async Task<bool> LooksLikeWxrAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        var head = new byte[4096];
        await using var stream = upload.OpenReadStream();
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var text = Encoding.UTF8.GetString(head, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith('<') && text.Contains("<rss", StringComparison.Ordinal);
    }
}
