using Backlot.Data;

namespace Backlot.Features.Media;

/// <summary>Adds images to the library: processes them, stores the files, records the asset.</summary>
public sealed class MediaLibrary(BacklotDb db, IMediaStore store, ImageProcessor processor, TimeProvider clock, Microsoft.Extensions.Options.IOptions<MediaOptions> options)
{
    /// <summary>Stores an uploaded image after checking its size; the file's name and declared type are ignored.</summary>
    public async Task<MediaAsset> AddAsync(IFormFile file, string altText, string caption, string credit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var limit = options.Value.MaxUploadBytes;
        if (file.Length > limit)
        {
            throw new ImageRejectedException($"The file is {file.Length / 1048576.0:F1} MB; at most {limit / 1048576.0:F0} MB is accepted.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await AddAsync(buffer.ToArray(), altText, caption, credit, cancellationToken);
    }

    /// <summary>Stores an image; throws <see cref="ImageRejectedException"/> and stores nothing when it is not acceptable.</summary>
    public Task<MediaAsset> AddAsync(byte[] bytes, string altText, string caption, string credit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return AddAsync(processor.Process(bytes), bytes.LongLength, altText, caption, credit, cancellationToken);
    }

    /// <summary>Stores an image already checked and resized by <see cref="ImageProcessor"/>.</summary>
    public async Task<MediaAsset> AddAsync(ProcessedImage image, long originalBytes, string altText, string caption, string credit, CancellationToken cancellationToken)
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
