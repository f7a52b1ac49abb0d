using System.Security.Claims;
using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Media;

/// <summary>What became of a change to an image's details.</summary>
public enum MediaEditOutcome
{
    Saved,
    NotFound,
    Forbidden,
}

/// <summary>Adds images to the library (processes them, stores the files, records the asset) and changes their details.</summary>
public sealed class MediaLibrary(BacklotDb db, IMediaStore store, ImageProcessor processor, TimeProvider clock, Microsoft.Extensions.Options.IOptions<MediaOptions> options, PublicPageCache pages)
{
    /// <summary>
    /// Stores an image a user uploaded, whichever page it came through, after checking the user may
    /// upload (<see cref="MediaPermissions.MayUpload"/>) and the file's size; its name and declared
    /// type are ignored. Throws <see cref="ImageRejectedException"/> and stores nothing otherwise.
    /// </summary>
    public async Task<MediaAsset> AddAsync(ClaimsPrincipal uploader, IFormFile file, string altText, string caption, string credit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploader);
        ArgumentNullException.ThrowIfNull(file);
        if (!MediaPermissions.MayUpload(uploader))
        {
            throw new ImageRejectedException("Your role cannot upload images: uploading is for Authors, Editors and Administrators. Choose an image from the library instead.");
        }

        var limit = options.Value.MaxUploadBytes;
        if (file.Length > limit)
        {
            throw new ImageRejectedException($"The file is {file.Length / 1048576.0:F1} MB; at most {limit / 1048576.0:F0} MB is accepted.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var image = await processor.ProcessAsync(bytes, cancellationToken);
        return await StoreAsync(image, bytes.LongLength, altText, caption, credit, uploader.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
    }

    /// <summary>Stores an image; throws <see cref="ImageRejectedException"/> and stores nothing when it is not acceptable.</summary>
    public async Task<MediaAsset> AddAsync(byte[] bytes, string altText, string caption, string credit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var image = await processor.ProcessAsync(bytes, cancellationToken);
        return await StoreAsync(image, bytes.LongLength, altText, caption, credit, uploadedById: null, cancellationToken);
    }

    /// <summary>Stores an image already checked and resized by <see cref="ImageProcessor"/> (imports, demo content: no uploader).</summary>
    public Task<MediaAsset> AddAsync(ProcessedImage image, long originalBytes, string altText, string caption, string credit, CancellationToken cancellationToken) =>
        StoreAsync(image, originalBytes, altText, caption, credit, uploadedById: null, cancellationToken);

    /// <summary>
    /// Changes an image's alt text, caption and credit if <paramref name="user"/> may
    /// (<see cref="MediaPermissions.MayEditDetails"/>), then evicts the cached pages of every article
    /// that shows it, and the lists that show those articles.
    /// </summary>
    public async Task<MediaEditOutcome> UpdateDetailsAsync(ClaimsPrincipal user, int id, string altText, string caption, string credit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var asset = await db.Media.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.UploadedById }).FirstOrDefaultAsync(cancellationToken);
        if (asset is null)
        {
            return MediaEditOutcome.NotFound;
        }

        if (!MediaPermissions.MayEditDetails(user, asset.UploadedById))
        {
            return MediaEditOutcome.Forbidden;
        }

        await db.Media.Where(m => m.Id == id).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.AltText, altText.Trim())
            .SetProperty(x => x.Caption, caption.Trim())
            .SetProperty(x => x.Credit, credit.Trim()), cancellationToken);

        var showing = await db.Articles.AsNoTracking()
            .Where(a => a.HeroMediaId == id || a.Items.Any(i => i.MediaId == id))
            .Select(a => new { a.Id, a.Category.Slug })
            .ToListAsync(cancellationToken);
        foreach (var article in showing)
        {
            await pages.EvictArticleAsync(article.Id, article.Slug, cancellationToken);
        }

        return MediaEditOutcome.Saved;
    }

    private async Task<MediaAsset> StoreAsync(ProcessedImage image, long originalBytes, string altText, string caption, string credit, string? uploadedById, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var key = MediaKeys.New();
        try
        {
            foreach (var file in image.Files)
            {
                await store.WriteAsync(key, file.Name, file.Content, cancellationToken);
            }

            var asset = new MediaAsset
            {
                StorageKey = key,
                OriginalFormat = image.OriginalFormat,
                Width = image.Width,
                Height = image.Height,
                Bytes = originalBytes,
                VariantWidths = [.. image.VariantWidths],
                AltText = altText.Trim(),
                Caption = caption.Trim(),
                Credit = credit.Trim(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                UploadedById = uploadedById,
            };
            db.Media.Add(asset);
            await db.SaveChangesAsync(cancellationToken);
            return asset;
        }
        catch
        {
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }
}

/// <summary>What a page needs to draw an image: URLs and intrinsic size, read with the article in one query.</summary>
public sealed record ImageView(string Key, string OriginalFormat, int Width, int Height, List<int> VariantWidths, string AltText)
{
    public string Src(IMediaStore store, string format) => store.UrlOf(Key, $"{Largest(640)}.{format}");

    public string SrcSet(IMediaStore store, string format) =>
        string.Join(", ", VariantWidths.Select(w => $"{store.UrlOf(Key, $"{w}.{format}")} {w}w"));

    /// <summary>The original when it is large (social cards want 1200 px or more), else the largest variant.</summary>
    public string LargeJpegOrPng(IMediaStore store) =>
        OriginalFormat is "jpg" or "png" && Width >= 1200 ? store.UrlOf(Key, "original." + OriginalFormat) : store.UrlOf(Key, $"{Largest(int.MaxValue)}.jpg");

    public int HeightAt(int width) => Width == 0 ? 0 : (int)Math.Round((double)Height * width / Width);

    private int Largest(int atMost) =>
        VariantWidths.Where(w => w <= atMost).DefaultIfEmpty(VariantWidths.Min()).Max();
}
