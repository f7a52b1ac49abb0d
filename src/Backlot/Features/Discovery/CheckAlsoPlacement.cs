using System.Text.RegularExpressions;

namespace Backlot.Features.Discovery;

/// <summary>Where the inline "Check Also" link goes: after the third paragraph of a story, after the middle item of a listicle.</summary>
public static partial class CheckAlsoPlacement
{
    public const int StoryParagraphs = 3;

    /// <summary>The position of the listicle item the link follows: the middle one (3 of 5, 5 of 10).</summary>
    public static int AfterItem(int itemCount) => (itemCount + 1) / 2;

    /// <summary>
    /// Splits rendered body HTML after its <paramref name="paragraphs"/>th top-level paragraph
    /// (paragraphs inside quotes, lists and tables do not count), or returns it whole with an
    /// empty rest when it has fewer.
    /// </summary>
    public static (string Before, string After) SplitAfterParagraph(string html, int paragraphs = StoryParagraphs)
    {
        ArgumentNullException.ThrowIfNull(html);
        var depth = 0;
        var seen = 0;
        foreach (Match tag in BlockTag().Matches(html))
        {
            var closing = tag.Groups["close"].Success;
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (name == "p")
            {
                if (closing && depth == 0 && ++seen == paragraphs)
                {
                    var end = tag.Index + tag.Length;
                    return (html[..end], html[end..]);
                }

                continue;
            }

            depth = Math.Max(0, depth + (closing ? -1 : 1));
        }

        return (html, "");
    }

    [GeneratedRegex(@"<(?<close>/)?(?<name>p|blockquote|ul|ol|table|div|figure|aside|details|pre)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();
}
