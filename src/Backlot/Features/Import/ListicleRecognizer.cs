using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Backlot.Features.Import;

/// <summary>One numbered entry found in an imported body.</summary>
public sealed record RecognizedItem(int Number, string Heading, IElement? Image, string Caption, string BodyHtml);

public sealed record RecognizedListicle(string IntroHtml, IReadOnlyList<RecognizedItem> Items);

/// <summary>
/// Finds listicles in imported bodies: a run of numbered headings ("1. The glow", "2) …", "#3 …"),
/// counting up from 1 or down to 1, each followed by an optional image and text.
/// </summary>
public static partial class ListicleRecognizer
{
    public const int MinimumItems = 3;

    /// <summary>Splits the top-level nodes into intro and items, or returns null when the body is not a listicle.</summary>
    public static RecognizedListicle? Recognize(IElement container)
    {
        ArgumentNullException.ThrowIfNull(container);
        var nodes = container.ChildNodes.ToList();
        var headings = new List<(int Index, int Number, string Text)>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is IElement element && NumberedHeading(element) is { } heading)
            {
                headings.Add((i, heading.Number, heading.Text));
            }
        }

        if (headings.Count < MinimumItems || !IsRun(headings.Select(h => h.Number).ToList()))
        {
            return null;
        }

        var intro = new StringBuilder();
        for (var i = 0; i < headings[0].Index; i++)
        {
            intro.Append(Html(nodes[i]));
        }

        var items = new List<RecognizedItem>();
        for (var h = 0; h < headings.Count; h++)
        {
            var end = h + 1 < headings.Count ? headings[h + 1].Index : nodes.Count;
            IElement? image = null;
            var caption = "";
            var body = new StringBuilder();
            for (var i = headings[h].Index + 1; i < end; i++)
            {
                if (image is null && body.Length == 0 && nodes[i] is IElement candidate && ImageOf(candidate) is { } found)
                {
                    image = found;
                    caption = candidate.QuerySelector("figcaption")?.TextContent.Trim() ?? "";
                    continue;
                }

                body.Append(Html(nodes[i]));
            }

            items.Add(new RecognizedItem(headings[h].Number, headings[h].Text, image, caption, body.ToString().Trim()));
        }

        if (items[0].Number != 1)
        {
            items.Reverse(); // a countdown (10 … 1) is stored in reading order; positions are renumbered from 1
        }

        return new RecognizedListicle(intro.ToString().Trim(), items);
    }

    /// <summary>"1. The glow", "2) The fight", "#3 The Dark Knight", "4: Goodfellas" in a heading, or alone in bold in a paragraph.</summary>
    internal static (int Number, string Text)? NumberedHeading(IElement element)
    {
        var isHeading = element.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";
        var isBoldParagraph = element.LocalName == "p"
            && element.Children.Length == 1
            && element.Children[0].LocalName is "strong" or "b"
            && element.TextContent.Trim() == element.Children[0].TextContent.Trim();
        if (!isHeading && !isBoldParagraph)
        {
            return null;
        }

        var match = Numbered().Match(element.TextContent.Trim());
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return (number, match.Groups["text"].Value.Trim());
    }

    private static bool IsRun(List<int> numbers)
    {
        var up = numbers.Select((n, i) => n == i + 1).All(x => x);
        var down = numbers.Select((n, i) => n == numbers.Count - i).All(x => x);
        return up || down;
    }

    private static IElement? ImageOf(IElement element)
    {
        if (element.LocalName == "img")
        {
            return element;
        }

        if (element.LocalName is "figure" or "p" or "div" or "a"
            && element.QuerySelectorAll("img").Length == 1
            && element.QuerySelector("img") is { } image
            && (element.LocalName == "figure" || string.IsNullOrWhiteSpace(element.TextContent)))
        {
            return image;
        }

        return null;
    }

    private static string Html(INode node) => node switch
    {
        IElement element => element.OuterHtml + "\n",
        IText text when !string.IsNullOrWhiteSpace(text.Data) => $"<p>{System.Net.WebUtility.HtmlEncode(text.Data.Trim())}</p>\n",
        _ => "",
    };

    [GeneratedRegex(@"^(?:#\s?(?<n>\d{1,3})[.):]?|(?<n>\d{1,3})\s?[.):])\s+(?<text>\S.*)$", RegexOptions.Singleline)]
    private static partial Regex Numbered();
}

/// <summary>
/// The listicle count check as the import needs it: the title or the intro promising a number of
/// entries the list does not have. Internal, to be replaced by the Listicles feature's checks.
/// </summary>
internal static partial class ListicleCountCheck
{
    public static IEnumerable<string> Warnings(string title, string introText, int itemCount)
    {
        if (PromisedIn(TitleCount(), title) is { } inTitle && inTitle != itemCount)
        {
            yield return $"the title says {inTitle}, the list has {itemCount}";
        }

        if (PromisedIn(IntroCount(), introText) is { } inIntro && inIntro != itemCount)
        {
            yield return $"the intro says {inIntro}, the list has {itemCount}";
        }
    }

    private static int? PromisedIn(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } match && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 1 and < 1000
            ? n
            : null;

    [GeneratedRegex(@"^\W*(?:(?:the\s+)?top\s+)?(?<n>\d{1,3})\s+\p{L}", RegexOptions.IgnoreCase)]
    private static partial Regex TitleCount();

    [GeneratedRegex(@"\b(?:here\s+are|these|the|top|our|of)\s+(?<n>\d{1,3})\s+(?!years?\b|minutes?\b|hours?\b|days?\b|seasons?\b|episodes?\b)\p{L}", RegexOptions.IgnoreCase)]
    private static partial Regex IntroCount();
}
