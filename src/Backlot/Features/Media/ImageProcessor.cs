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
/// so pages only ever link to files that exist. Every image, whichever way it arrives (the media
/// library, the article editor, an import), goes through here: the limits are read from the header
/// before anything is decoded, and only <see cref="Concurrency"/> images are decoded at a time.
/// </summary>
public sealed class ImageProcessor(int concurrency = ImageProcessor.DefaultConcurrency) : IDisposable
{
    /// <summary>Responsive widths, each saved as WebP and JPEG.</summary>
    public static readonly int[] VariantWidths = [320, 640, 960, 1280];

    public const long MaxPixels = 50_000_000;

    /// <summary>
    /// The most an image may take once decoded: width × height × bands × bytes per sample × frames.
    /// 50 megapixels of 8-bit RGB; a 16-bit or many-band or many-frame image hits this before the
    /// pixel limit, because its decoding costs that much more time and memory.
    /// </summary>
    public const long MaxDecodedBytes = 150_000_000;

    public const int DefaultConcurrency = 2;

    private readonly SemaphoreSlim gate = new(Math.Max(1, concurrency));

    /// <summary>How many images are decoded at once; the rest wait their turn.</summary>
    public int Concurrency { get; } = Math.Max(1, concurrency);

    /// <summary>Checks, cleans and resizes <paramref name="bytes"/>; throws <see cref="ImageRejectedException"/> for anything that is not an acceptable image.</summary>
    public ProcessedImage Process(byte[] bytes)
    {
        var format = Inspect(bytes);
        gate.Wait();
        try
        {
            return Decode(bytes, format);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>As <see cref="Process"/>, waiting for a turn without holding a thread.</summary>
    public async Task<ProcessedImage> ProcessAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var format = Inspect(bytes);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return Decode(bytes, format);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Reads only the header and refuses what is not accepted or would cost too much to decode; returns the format.</summary>
    public static string Inspect(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string loader;
        Image header;
        try
        {
            // Opening sequentially reads only the header: nothing is decoded until pixels are asked for.
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

            var frames = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
            var decoded = (long)header.Width * header.Height * header.Bands * BytesPerSample(header.Format) * frames;
            if (decoded > MaxDecodedBytes)
            {
                var depth = BytesPerSample(header.Format) * 8;
                var framesText = frames > 1 ? $", {frames} frames" : "";
                throw new ImageRejectedException(
                    $"The image would take {decoded / 1_000_000} MB decoded ({header.Width}×{header.Height}, {header.Bands} bands of {depth} bits{framesText}); at most {MaxDecodedBytes / 1_000_000} MB decoded is accepted. Save it as an 8-bit image or make it smaller.");
            }

            return format;
        }
    }

    public void Dispose() => gate.Dispose();

    private static ProcessedImage Decode(byte[] bytes, string format)
    {
        try
        {
            return Resize(bytes, format);
        }
        catch (VipsException)
        {
            throw new ImageRejectedException("The image could not be decoded; the file may be damaged.");
        }
    }

    private static int BytesPerSample(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 1,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 2,
        Enums.BandFormat.Uint or Enums.BandFormat.Int or Enums.BandFormat.Float => 4,
        Enums.BandFormat.Complex or Enums.BandFormat.Double => 8,
        Enums.BandFormat.Dpcomplex => 16,
        _ => 4,
    };

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
