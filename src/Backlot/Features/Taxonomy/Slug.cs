using System.Globalization;
using System.Text;

namespace Backlot.Features.Taxonomy;

/// <summary>The rules for URL slugs: lowercase ASCII words joined by hyphens, derived from a title.</summary>
public static class Slug
{
    public const int MaxLength = 100;

    /// <summary>First path segments the site itself uses; a category may not take them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "author", "category", "css", "feed", "feeds", "healthz", "js", "media", "not-found", "readyz",
        "person", "push", "robots.txt", "search", "sitemap", "sitemap.xml", "sw.js", "tag", "work", "_content", "_framework",
    };

    /// <summary>Turns a title into a slug: "Batman: The Dark Knight (2008)" → "batman-the-dark-knight-2008".</summary>
    public static string From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var slug = new StringBuilder(Math.Min(decomposed.Length, MaxLength));
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (slug.Length >= MaxLength)
            {
                break;
            }

            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue; // "Léon" → "leon", "Jack's" → "jacks"
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (c == '&')
            {
                pendingHyphen = slug.Length > 0;
                if (slug.Length > 0)
                {
                    slug.Append("-and");
                }
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var result = slug.Length > MaxLength ? slug.ToString(0, MaxLength) : slug.ToString();
        return result.Trim('-');
    }

    /// <summary>Whether <paramref name="slug"/> is already in canonical form.</summary>
    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug)
        && slug.Length <= MaxLength
        && slug[0] != '-' && slug[^1] != '-'
        && !slug.Contains("--", StringComparison.Ordinal)
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Returns <paramref name="slug"/>, or it with the first free "-2", "-3"… suffix.</summary>
    public static string MakeUnique(string slug, Func<string, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        if (!isTaken(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = slug[..Math.Min(slug.Length, MaxLength - suffix.Length)].TrimEnd('-') + suffix;
            if (!isTaken(candidate))
            {
                return candidate;
            }
        }
    }
}
