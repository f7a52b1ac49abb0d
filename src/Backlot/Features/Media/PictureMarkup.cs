using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace Backlot.Features.Media;

/// <summary>
/// An image as a <c>&lt;picture&gt;</c>: WebP variants first, JPEG fallback, intrinsic size (no layout
/// shift), lazy loading unless eager. Views call <see cref="Picture"/>; it is not a tag helper,
/// because an uncached article page would activate fifteen of them, each with its own buffers.
/// The markup is kept in memory once made: an uncached article page shows a dozen pictures, each
/// with eight variant URLs, and the markup depends only on the values in its key, because a
/// storage key is generated per upload, never reused, and its variants are made once at upload:
/// an entry can never go stale, only unused, and the size limit drops the least used.
/// </summary>
public sealed class PictureMarkup(IMediaStore store, HtmlEncoder encoder) : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 4096 });

    private readonly record struct Key(string StorageKey, int Width, int Height, int Variants, string AltText, string Sizes, bool Eager, string? Alt);

    /// <param name="image">Nothing (or an image without variants) renders nothing.</param>
    /// <param name="sizes">The sizes attribute: how wide the image is drawn at each viewport.</param>
    /// <param name="eager">For the first image on screen: loaded at once with high priority.</param>
    /// <param name="alt">Replaces the image's alt text ("" for a decorative picture beside its title).</param>
    public IHtmlContent Picture(ImageView? image, string sizes, bool eager = false, string? alt = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (image is null || image.VariantWidths.Count == 0)
        {
            return HtmlString.Empty;
        }

        var key = new Key(image.Key, image.Width, image.Height, image.VariantWidths.Count, image.AltText, sizes, eager, alt);
        if (cache.TryGetValue(key, out HtmlString? html) && html is not null)
        {
            return html;
        }

        html = new HtmlString(Build(image, sizes, eager, alt));
        cache.Set(key, html, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return html;
    }

    private string Build(ImageView image, string sizes, bool eager, string? alt)
    {
        var largest = image.VariantWidths.Max();
        var encodedSizes = encoder.Encode(sizes);
        var html = new StringBuilder(1024);
        html.Append("<picture><source type=\"image/webp\" srcset=\"").Append(encoder.Encode(image.SrcSet(store, "webp")))
            .Append("\" sizes=\"").Append(encodedSizes).Append("\">");
        html.Append("<img src=\"").Append(encoder.Encode(image.Src(store, "jpg")))
            .Append("\" srcset=\"").Append(encoder.Encode(image.SrcSet(store, "jpg")))
            .Append("\" sizes=\"").Append(encodedSizes)
            .Append("\" width=\"").Append(largest.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(image.HeightAt(largest).ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(encoder.Encode(alt ?? image.AltText)).Append('"')
            .Append(eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"")
            .Append(" decoding=\"async\"></picture>");
        return html.ToString();
    }

    public void Dispose() => cache.Dispose();
}
