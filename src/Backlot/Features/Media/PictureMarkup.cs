using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Caching.Memory;

namespace Backlot.Features.Media;

/// <summary>
/// Renders <c>&lt;responsive-image image="…" sizes="…" /&gt;</c> as a <c>&lt;picture&gt;</c>: WebP variants first,
/// JPEG fallback, intrinsic size (no layout shift) and lazy loading unless <see cref="Eager"/>.
/// </summary>
[HtmlTargetElement("responsive-image", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ResponsiveImageTagHelper(PictureMarkup pictures) : TagHelper
{
    public ImageView? Image { get; set; }

    /// <summary>The sizes attribute: how wide the image is drawn at each viewport.</summary>
    public string Sizes { get; set; } = "100vw";

    /// <summary>For the first image on screen: loaded at once with high priority.</summary>
    public bool Eager { get; set; }

    public string? Alt { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Image is null || Image.VariantWidths.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "picture";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(pictures.Of(Image, Sizes, Eager, Alt));
    }
}

/// <summary>
/// The inside of a <c>&lt;picture&gt;</c> (sources, srcsets, the img), kept in memory once made. An
/// uncached article page shows a dozen pictures, each with eight variant URLs; the markup depends
/// only on the values in its key, because a storage key is generated per upload, never reused, and
/// its variants are made once at upload: an entry can never go stale, only unused, and the size
/// limit drops the least used.
/// </summary>
public sealed class PictureMarkup(IMediaStore store, HtmlEncoder encoder) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 4096 });

    private readonly record struct Key(string StorageKey, int Width, int Height, int Variants, string AltText, string Sizes, bool Eager, string? Alt);

    public string Of(ImageView image, string sizes, bool eager, string? alt)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(sizes);
        var key = new Key(image.Key, image.Width, image.Height, image.VariantWidths.Count, image.AltText, sizes, eager, alt);
        if (cache.TryGetValue(key, out string? html) && html is not null)
        {
            return html;
        }

        html = Build(image, sizes, eager, alt);
        cache.Set(key, html, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return html;
    }

    private string Build(ImageView image, string sizes, bool eager, string? alt)
    {
        var largest = image.VariantWidths.Max();
        var encodedSizes = encoder.Encode(sizes);
        var html = new StringBuilder(1024);
        html.Append("<source type=\"image/webp\" srcset=\"").Append(encoder.Encode(image.SrcSet(store, "webp")))
            .Append("\" sizes=\"").Append(encodedSizes).Append("\">");
        html.Append("<img src=\"").Append(encoder.Encode(image.Src(store, "jpg")))
            .Append("\" srcset=\"").Append(encoder.Encode(image.SrcSet(store, "jpg")))
            .Append("\" sizes=\"").Append(encodedSizes)
            .Append("\" width=\"").Append(largest.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(image.HeightAt(largest).ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(encoder.Encode(alt ?? image.AltText)).Append('"')
            .Append(eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"")
            .Append(" decoding=\"async\">");
        return html.ToString();
    }

    public void Dispose() => cache.Dispose();
}
