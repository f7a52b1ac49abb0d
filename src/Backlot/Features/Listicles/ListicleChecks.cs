using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Backlot.Features.Listicles;

/// <summary>What the checks need to know about one item.</summary>
public sealed record ListicleItemFacts(string Heading, string Body, bool HasImage, string? AltText, string Caption, string? WorkTitle = null, IReadOnlyList<string>? WorkAlternateTitles = null);

/// <summary>One problem found, naming the item it concerns (1-based), if any.</summary>
public sealed record ListicleWarning(string Code, string Message, int? ItemPosition = null);

/// <summary>
/// Editorial checks of a listicle: the counts in the title and intro agree with the list, every item
/// has a captioned image with alt text, no two items repeat, headings match their linked works.
/// Used by the editor (live), the publish handler and the WordPress importer.
/// </summary>
public static partial class ListicleChecks
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10,
        ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["twenty-five"] = 25, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["hundred"] = 100,
    };

    public static IReadOnlyList<ListicleWarning> Check(string title, string intro, IReadOnlyList<ListicleItemFacts> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var warnings = new List<ListicleWarning>();
        var count = items.Count;

        if (TitleCount(title ?? "") is { } titleCount && titleCount != count)
        {
            warnings.Add(new("title-count", $"Title says {titleCount}, the list has {count} {Items(count)}."));
        }

        if (IntroCount(intro ?? "") is { } introCount && introCount.Number != count)
        {
            warnings.Add(new("intro-count", $"Intro says {introCount.Number} {introCount.Noun}, the list has {count}."));
        }

        var seenHeadings = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            var position = i + 1;
            var heading = item.Heading?.Trim() ?? "";
            if (heading.Length == 0 && string.IsNullOrWhiteSpace(item.Body) && !item.HasImage)
            {
                warnings.Add(new("empty-item", $"Item {position} is empty.", position));
                continue;
            }

            if (!item.HasImage)
            {
                warnings.Add(new("no-image", $"Item {position} ({Name(heading)}) has no image.", position));
            }
            else if (string.IsNullOrWhiteSpace(item.AltText))
            {
                warnings.Add(new("no-alt", $"The image of item {position} ({Name(heading)}) has no alt text.", position));
            }

            if (item.HasImage && item.Caption.Trim().Length > 0 && Normalize(item.Caption) == Normalize(heading))
            {
                warnings.Add(new("caption-repeats-heading", $"The caption of item {position} only repeats its heading.", position));
            }

            var key = Normalize(heading);
            if (key.Length > 0)
            {
                if (seenHeadings.TryGetValue(key, out var first))
                {
                    warnings.Add(new("duplicate-heading", $"Items {first} and {position} have the same heading, “{heading}”.", position));
                }
                else
                {
                    seenHeadings[key] = position;
                }
            }

            if (item.WorkTitle is { Length: > 0 } work && key.Length > 0 && !MatchesWork(key, work, item.WorkAlternateTitles ?? []))
            {
                warnings.Add(new("heading-work-mismatch", $"Item {position}'s heading “{heading}” does not match its linked work, {work}.", position));
            }
        }

        return warnings;
    }

    /// <summary>The count a title promises: "10 behind-the-scenes details", "Top 5 …", "Ten things …".</summary>
    public static int? TitleCount(string title)
    {
        var match = TitleNumber().Match(title);
        return match.Success ? ParseNumber(match.Groups["n"].Value) : null;
    }

    /// <summary>The count an intro states: "Here are 15 details", "these ten moments".</summary>
    public static (int Number, string Noun)? IntroCount(string intro)
    {
        foreach (Match match in IntroNumber().Matches(StripMarkdown(intro)))
        {
            if (ParseNumber(match.Groups["n"].Value) is { } number and >= 2 and < 1000)
            {
                return (number, match.Groups["noun"].Value.ToLowerInvariant());
            }
        }

        return null;
    }

    private static bool MatchesWork(string headingKey, string workTitle, IReadOnlyList<string> alternates) =>
        new[] { workTitle }.Concat(alternates).Select(Normalize).Any(t => t.Length > 0 && (headingKey.Contains(t, StringComparison.Ordinal) || t.Contains(headingKey, StringComparison.Ordinal)));

    private static int? ParseNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : NumberWords.TryGetValue(text, out var word) ? word
        : null;

    /// <summary>Lowercase letters and digits, single spaces, no leading "the"/"a": "The Fight Club!" → "fight club".</summary>
    internal static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c == '&')
            {
                builder.Append(" and ");
            }
            else if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c))
            {
                builder.Append(' ');
            }
        }

        var words = builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0] is "the" or "a" or "an")
        {
            words.RemoveAt(0);
        }

        return string.Join(' ', words);
    }

    private static string StripMarkdown(string markdown) => MarkdownSyntax().Replace(markdown, " ");

    private static string Items(int count) => count == 1 ? "item" : "items";

    private static string Name(string heading) => heading.Length > 0 ? $"“{heading}”" : "no heading";

    private const string Number = @"(?<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty-five|twenty|thirty|forty|fifty|hundred)";

    [GeneratedRegex(@"^\W*(?:(?:the\s+)?top\s+)?" + Number + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleNumber();

    [GeneratedRegex(@"\b" + Number + @"\s+(?:[\p{L}-]+\s+){0,3}?(?<noun>details|things|reasons|ways|facts|secrets|moments|scenes|stories|items|films|movies|shows|series|episodes|tips|picks|times|characters|actors|actresses|songs|books|games|places|lessons|mistakes|quotes|examples|entries)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntroNumber();

    [GeneratedRegex(@"[*_`#>\[\]()!]")]
    private static partial Regex MarkdownSyntax();
}
