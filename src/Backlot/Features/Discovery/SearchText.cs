using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Backlot.Features.Discovery;

/// <summary>
/// Turns what readers type and what editors write into safe search input: words only, so no
/// query syntax (FTS5 operators, tsquery operators, quotes) ever reaches the database.
/// </summary>
public static partial class SearchText
{
    public const int MaxQueryLength = 200;
    public const int MaxTerms = 8;

    /// <summary>Matches counted at most ("1000+ results"): counting every match of a common word costs more than the search.</summary>
    public const int MaxCounted = 1000;

    /// <summary>
    /// Articles whose title, names or dek match, ranked by relevance at most: a query matching more is
    /// ranked among its newest this many. As many as are counted, so a full first tier is the count.
    /// Articles matching in their text alone come after them, newest first.
    /// </summary>
    public const int MaxRanked = MaxCounted;

    /// <summary>
    /// Matches ranked at most when looking for articles like another (related stories): their key
    /// terms are many and joined with OR, so they match far more; recency weighs in their score anyway.
    /// </summary>
    public const int MaxRankedSimilar = 1000;

    /// <summary>Marks a highlighted span in snippets from either database; replaced by &lt;mark&gt; after HTML-encoding.</summary>
    public const char MarkStart = '\u0002';
    public const char MarkEnd = '\u0003';

    /// <summary>The query as shown back to the reader: control characters (NUL among them) removed, trimmed, capped.</summary>
    public static string Clean(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(query.Length, MaxQueryLength));
        foreach (var c in query)
        {
            if (builder.Length >= MaxQueryLength)
            {
                break;
            }

            if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not '\uFFFE' and not '\uFFFF')
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Lowercase words of letters and digits, in order, at most <see cref="MaxTerms"/>.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        [.. WordPattern().Matches(Clean(query)).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length <= 64).Distinct(StringComparer.Ordinal).Take(MaxTerms)];

    /// <summary>HTML to plain text for indexing: tags dropped, entities decoded, whitespace folded.</summary>
    public static string PlainText(string html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = WebUtility.HtmlDecode(TagPattern().Replace(html, " "));
        return Whitespace().Replace(new string([.. text.Where(c => !char.IsControl(c) || c == '\n')]), " ").Trim();
    }

    /// <summary>HTML-encodes a snippet from the database, turning its marks into &lt;mark&gt; elements.</summary>
    public static string SnippetHtml(string? snippet)
    {
        if (string.IsNullOrEmpty(snippet))
        {
            return "";
        }

        return WebUtility.HtmlEncode(snippet)
            .Replace(MarkStart.ToString(), "<mark>", StringComparison.Ordinal)
            .Replace(MarkEnd.ToString(), "</mark>", StringComparison.Ordinal);
    }

    /// <summary>Distinct character trigrams of each word: the unit of typo-tolerant name matching.</summary>
    public static HashSet<string> Trigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match word in WordPattern().Matches(text.ToLowerInvariant()))
        {
            var padded = " " + word.Value + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }
        }

        return set;
    }

    /// <summary>How alike two names are, 0 to 1, by shared trigrams (the measure pg_trgm uses).</summary>
    public static double Similarity(string a, string b)
    {
        var x = Trigrams(a);
        var y = Trigrams(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        var shared = x.Count(y.Contains);
        return (double)shared / (x.Count + y.Count - shared);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
