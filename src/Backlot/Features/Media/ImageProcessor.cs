using NetVips;

namespace Backlot.Features.Media;

/// <summary>The files one image becomes: a clean original and responsive variants.</summary>
public sealed record ProcessedImage(int Width, int Height, string OriginalFormat, IReadOnlyList<int> VariantWidths, IReadOnlyList<ProcessedImage.File> Files)
{
    public sealed record File(string Name, byte[] Content);
}

/// <summary>Raised when an upload is not an image we accept; <see cref="Exception.Message"/> is fit to show the user.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Decodes, checks and resizes images with libvips (NetVips): variants are made once, at upload,
/// so pages only ever link to files that exist.
/// </summary>
public sealed class ImageProcessor
{
    /// <summary>Responsive widths, each saved as WebP and JPEG.</summary>
    public static readonly int[] VariantWidths = [320, 640, 960, 1280];

    public const long MaxPixels = 50_000_000;

    /// <summary>Checks, cleans and resizes <paramref name="bytes"/>; throws <see cref="ImageRejectedException"/> for anything that is not an acceptable image.</summary>
    public ProcessedImage Process(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string loader;
        Image header;
        try
        {
            // Opening reads only the header: the pixel count is checked before anything is decoded.
            header = Image.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
            loader = (string)header.Get("vips-loader");
        }
        catch (VipsException)
        {
            throw new ImageRejectedException("The file is not an image (JPEG, PNG, WebP, GIF or AVIF).");
        }

        using (header)
        {
            var format = FormatOf(loader) ?? throw new ImageRejectedException("This image format is not accepted; use JPEG, PNG, WebP, GIF or AVIF.");
            if ((long)header.Width * header.Height > MaxPixels)
            {
                throw new ImageRejectedException($"The image is {header.Width}×{header.Height} pixels; at most {MaxPixels / 1_000_000} megapixels are accepted.");
            }

            try
            {
                return Resize(bytes, format);
            }
            catch (VipsException)
            {
                throw new ImageRejectedException("The image could not be decoded; the file may be damaged.");
            }
        }
    }

    private static ProcessedImage Resize(byte[] bytes, string format)
    {
        var files = new List<ProcessedImage.File>();

        // Rotating by EXIF orientation and dropping all metadata (GPS position included) makes the clean original.
        using var original = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error).Autorot();
        var originalFormat = format == "gif" || format == "avif" ? "png" : format;
        files.Add(new("original." + originalFormat, Encode(original, originalFormat)));

        var widths = VariantWidths.Where(w => w <= original.Width).ToList();
        if (original.Width < VariantWidths[^1] && !widths.Contains(original.Width))
        {
            widths.Add(original.Width); // a small original still gets a variant at its own size
        }

        foreach (var width in widths.Distinct().Order())
        {
            using var variant = original.ThumbnailImage(width, size: Enums.Size.Down);
            files.Add(new($"{width}.webp", Encode(variant, "webp")));
            files.Add(new($"{width}.jpg", Encode(variant, "jpg")));
        }

        return new ProcessedImage(original.Width, original.Height, originalFormat, widths.Distinct().Order().ToList(), files);
    }

    private static byte[] Encode(Image image, string format)
    {
        var flat = image.HasAlpha() && format == "jpg" ? image.Flatten(background: [255, 255, 255]) : image;
        try
        {
            return format switch
            {
                "jpg" => flat.JpegsaveBuffer(q: 82, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.Icc),
                "webp" => flat.WebpsaveBuffer(q: 78, effort: 3, keep: Enums.ForeignKeep.Icc),
                "png" => flat.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.Icc),
                _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
            };
        }
        finally
        {
            if (!ReferenceEquals(flat, image))
            {
                flat.Dispose();
            }
        }
    }

    private static string? FormatOf(string loader) => loader switch
    {
        _ when loader.StartsWith("jpeg", StringComparison.Ordinal) => "jpg",
        _ when loader.StartsWith("png", StringComparison.Ordinal) => "png",
        _ when loader.StartsWith("webp", StringComparison.Ordinal) => "webp",
        _ when loader.StartsWith("gif", StringComparison.Ordinal) => "gif",
        _ when loader.StartsWith("heif", StringComparison.Ordinal) => "avif",
        _ => null,
    };
}
