using System.Net;
using Backlot.Features.Taxonomy;

namespace Backlot.Features.Import;

/// <summary>
/// Who an imported post is by. WordPress writes the author's login in <c>dc:creator</c>; some
/// exports leave it empty (the user was deleted) or out, and some carry stray characters around it
/// ("&gt;admin"). Such posts go to one fallback author per source site, named after the site.
/// </summary>
public static class AuthorAttribution
{
    /// <summary>The login a creator or author_login field names: entities decoded, and anything a login cannot start or end with trimmed off.</summary>
    public static string LoginOf(string creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var decoded = WebUtility.HtmlDecode(creator).Trim();
        var start = 0;
        var end = decoded.Length;
        while (start < end && !IsLoginEdge(decoded[start]))
        {
            start++;
        }

        while (end > start && !IsLoginEdge(decoded[end - 1]))
        {
            end--;
        }

        return decoded[start..end];
    }

    /// <summary>The fallback author's name: the site's title, or "WordPress" when the export has none.</summary>
    public static string FallbackName(string siteTitle) =>
        InlineMarkup.ToText(siteTitle ?? "") is { Length: > 0 } title ? (title.Length <= 200 ? title : title[..200]) : "WordPress";

    /// <summary>The fallback author's slug, from its name; "wordpress" when the name gives none.</summary>
    public static string FallbackSlug(string siteTitle) => Slug.From(FallbackName(siteTitle)) is { Length: > 0 } slug ? slug : "wordpress";

    // WordPress's sanitize_user keeps letters, digits, space, _ . - @; of those, only letters, digits and _ begin or end a real login.
    private static bool IsLoginEdge(char c) => char.IsLetterOrDigit(c) || c == '_';
}
