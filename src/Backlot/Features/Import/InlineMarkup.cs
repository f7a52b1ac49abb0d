using System.Net;
using System.Text.RegularExpressions;

namespace Backlot.Features.Import;

/// <summary>
/// Plain text of a short piece of WordPress HTML (a title, an excerpt, an SEO field). Inline
/// elements join their text to what is around them ("Mark&lt;sup&gt;up&lt;/sup&gt;" is "Markup"),
/// while line breaks and block elements separate words, as a browser would show them.
/// </summary>
public static partial class InlineMarkup
{
    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "mark",
        "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
    };

    public static string ToText(string html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var withoutTags = Tag().Replace(html, m => Inline.Contains(m.Groups["name"].Value) ? "" : " ");
        var text = WebUtility.HtmlDecode(withoutTags);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<\s*/?\s*(?<name>[a-zA-Z][a-zA-Z0-9]*)?[^>]*>")]
    private static partial Regex Tag();

    // \s covers the no-break space that &nbsp; decodes to.
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
