using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Backlot.Features.Import;

/// <summary>
/// Turns a WordPress post body into safe HTML: block-editor comments removed, classic-editor
/// paragraphs restored (as wpautop does), [caption] made a figure, other shortcodes left as text
/// and reported, and everything through HtmlSanitizer.
/// </summary>
public sealed partial class WordPressContent
{
    /// <summary>Shortcodes handled here; any other is kept as text and reported.</summary>
    private static readonly HashSet<string> Handled = new(StringComparer.OrdinalIgnoreCase) { "caption", "wp_caption", "embed" };

    private static readonly string[] BlockTags =
    [
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "iframe", "li", "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul", "video", "audio", "object", "style", "script", "select", "details", "summary", "math", "svg",
    ];

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();
    private readonly HtmlParser parser = new();

    /// <summary>Converts and sanitizes a body; shortcodes it could not convert are added to <paramref name="unknownShortcodes"/>.</summary>
    public string ToSafeHtml(string content, ISet<string> unknownShortcodes) => Compact(ToSafeBody(content, unknownShortcodes).InnerHtml);

    /// <summary>As <see cref="ToSafeHtml"/>, but the sanitized body element itself, parsed once, for the importer to work on before it serializes.</summary>
    public IElement ToSafeBody(string content, ISet<string> unknownShortcodes)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(unknownShortcodes);
        var html = BlockComment().Replace(content.Replace("\r\n", "\n", StringComparison.Ordinal), "");
        html = Caption().Replace(html, m => CaptionToFigure(m.Groups["attrs"].Value, m.Groups["inner"].Value));
        html = Embed().Replace(html, m => $"<p><a href=\"{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}\">{WebUtility.HtmlEncode(m.Groups["url"].Value.Trim())}</a></p>");
        foreach (Match shortcode in Shortcode().Matches(html))
        {
            var name = shortcode.Groups["name"].Value;
            if (!Handled.Contains(name))
            {
                unknownShortcodes.Add(name);
            }
        }

        return sanitizer.SanitizeDom(AutoParagraphs(html)).Body!;
    }

    /// <summary>Parses safe HTML into a fragment for recognising listicles and rewriting image URLs.</summary>
    public INodeList Parse(string safeHtml, out IElement container)
    {
        var document = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        container = document.Body!;
        container.InnerHtml = safeHtml;
        return container.ChildNodes;
    }

    /// <summary>Plain text of a comment: paragraphs kept as blank lines, tags dropped (comments are plain text in Backlot).</summary>
    public string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return BlankLines().Replace(html.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim(); // no markup: nothing to parse
        }

        var withBreaks = ParagraphBreak().Replace(html.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n");
        var document = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        document.Body!.InnerHtml = withBreaks;
        return BlankLines().Replace(document.Body.TextContent, "\n\n").Trim();
    }

    /// <summary>A cut-down wpautop: text separated by blank lines becomes paragraphs, single newlines become line breaks; block elements are left alone.</summary>
    internal static string AutoParagraphs(string html)
    {
        var chunks = BlankLines().Split(html.Trim());
        var result = new StringBuilder(html.Length + 64);
        var inPre = false;
        foreach (var raw in chunks)
        {
            var chunk = raw.Trim();
            if (chunk.Length == 0)
            {
                continue;
            }

            if (inPre || chunk.Contains("<pre", StringComparison.OrdinalIgnoreCase))
            {
                inPre = chunk.LastIndexOf("<pre", StringComparison.OrdinalIgnoreCase) > chunk.LastIndexOf("</pre>", StringComparison.OrdinalIgnoreCase);
                result.Append(raw).Append("\n\n");
                continue;
            }

            if (StartsWithBlock(chunk))
            {
                result.Append(chunk).Append('\n');
            }
            else
            {
                result.Append("<p>").Append(LineBreak().Replace(chunk, "<br>\n")).Append("</p>\n");
            }
        }

        return result.ToString();
    }

    private static bool StartsWithBlock(string chunk)
    {
        if (chunk.Length < 2 || chunk[0] != '<')
        {
            return false;
        }

        var end = 1;
        if (chunk[end] == '/')
        {
            end++;
        }

        var start = end;
        while (end < chunk.Length && char.IsAsciiLetterOrDigit(chunk[end]))
        {
            end++;
        }

        var tag = chunk[start..end].ToLowerInvariant();
        return BlockTags.Contains(tag);
    }

    private static string CaptionToFigure(string attributes, string inner)
    {
        var split = CaptionInner().Match(inner.Trim());
        var image = split.Success ? split.Groups["image"].Value : inner;
        var caption = split.Success ? split.Groups["caption"].Value.Trim() : "";
        if (caption.Length == 0 && CaptionAttribute().Match(attributes) is { Success: true } attribute)
        {
            caption = attribute.Groups["text"].Value;
        }

        return $"\n\n<figure>{image.Trim()}{(caption.Length > 0 ? $"<figcaption>{caption}</figcaption>" : "")}</figure>\n\n";
    }

    /// <summary>Markdown would end an HTML block at a blank line; kept without them, the whole body passes through Markdown unchanged.</summary>
    internal static string Compact(string html) => BlankLines().Replace(html, "\n").Trim();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Add("figure");
        sanitizer.AllowedTags.Add("figcaption");
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link
                && link.GetAttribute("href") is { } href
                && href.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.SetAttribute("rel", "noopener");
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"<!--\s*/?wp:.*?-->", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[(?:wp_)?caption(?<attrs>[^\]]*)\](?<inner>.*?)\[/(?:wp_)?caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^(?<image>(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?)(?<caption>.*)$", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex CaptionInner();

    [GeneratedRegex(@"caption=""(?<text>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    [GeneratedRegex(@"\[embed[^\]]*\](?<url>[^\[]*)\[/embed\]", RegexOptions.IgnoreCase)]
    private static partial Regex Embed();

    [GeneratedRegex(@"\[/?(?<name>[a-zA-Z][\w-]*)(?:\s[^\]]*)?/?\]")]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(?<!<br\s*/?>)\s*\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"</p>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphBreak();
}
