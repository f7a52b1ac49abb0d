using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Media.Admin;

public sealed record MediaRow(int Id, string StorageKey, string AltText, string Caption, int Width, int Height, List<int> VariantWidths, DateTime CreatedAt);

/// <summary>Browse, search and upload images. Uploads answer JSON to the upload script and redirect for plain form posts.</summary>
[Authorize(Policy = Policies.Authors)]
[RequestSizeLimit(MediaFeature.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MediaFeature.MaxRequestBytes)]
public sealed class MediaLibraryPageModel(BacklotDb db, MediaLibrary library) : AdminPage
{
    public const int PageSize = 48;

    public override string Title => "Media";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<MediaRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> UploadErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostUploadAsync(List<IFormFile> files, string? altText, CancellationToken cancellationToken)
    {
        var created = new List<object>();
        var errors = new List<string>();
        if (files.Count == 0)
        {
            errors.Add("Choose at least one image to upload.");
        }

        foreach (var file in files)
        {
            try
            {
                var asset = await library.AddAsync(User, file, altText ?? "", "", "", cancellationToken);
                created.Add(new { asset.Id, asset.Width, asset.Height });
            }
            catch (ImageRejectedException rejected)
            {
                errors.Add($"{Path.GetFileName(file.FileName)}: {rejected.Message}");
            }
        }

        if (Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.Ordinal) == true))
        {
            return new JsonResult(new { created, errors }) { StatusCode = errors.Count > 0 && created.Count == 0 ? 400 : 200 };
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = created.Count == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
            UploadErrors = errors;
            await LoadAsync(cancellationToken);
            return Page();
        }

        Flash(created.Count == 1 ? "Image uploaded." : $"{created.Count} images uploaded.");
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var query = db.Media.AsNoTracking();
        foreach (var word in (Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6))
        {
            var pattern = "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(m => EF.Functions.Like(m.AltText, pattern, "\\") || EF.Functions.Like(m.Caption, pattern, "\\"));
        }

        Rows = await query.OrderByDescending(m => m.Id).Take(PageSize)
            .Select(m => new MediaRow(m.Id, m.StorageKey, m.AltText, m.Caption, m.Width, m.Height, m.VariantWidths, m.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
