using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Backlot.Features.Media;

/// <summary>
/// Renders <c>&lt;responsive-image image="…" sizes="…" /&gt;</c> as a <c>&lt;picture&gt;</c>: WebP variants first,
/// JPEG fallback, intrinsic size (no layout shift) and lazy loading unless <see cref="Eager"/>.
/// </summary>
[HtmlTargetElement("responsive-image", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ResponsiveImageTagHelper(IMediaStore store, HtmlEncoder encoder) : TagHelper
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

        var largest = Image.VariantWidths.Max();
        var sizes = encoder.Encode(Sizes);
        var html = new StringBuilder(512);
        html.Append("<source type=\"image/webp\" srcset=\"").Append(encoder.Encode(Image.SrcSet(store, "webp")))
            .Append("\" sizes=\"").Append(sizes).Append("\">");
        html.Append("<img src=\"").Append(encoder.Encode(Image.Src(store, "jpg")))
            .Append("\" srcset=\"").Append(encoder.Encode(Image.SrcSet(store, "jpg")))
            .Append("\" sizes=\"").Append(sizes)
            .Append("\" width=\"").Append(largest.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(Image.HeightAt(largest).ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(encoder.Encode(Alt ?? Image.AltText)).Append('"')
            .Append(Eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"")
            .Append(" decoding=\"async\">");

        output.TagName = "picture";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Content.SetHtmlContent(html.ToString());
    }
}
