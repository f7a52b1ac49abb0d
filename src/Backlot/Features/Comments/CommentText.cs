using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Backlot.Features.Comments;

/// <summary>
/// Comment text is plain text: blank lines make paragraphs, single line breaks stay, http(s) addresses
/// become links marked nofollow/ugc, and everything else is escaped. Nothing a commenter types can
/// become markup.
/// </summary>
public static partial class CommentText
{
    public const string LinkRel = "nofollow ugc noopener";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder(text.Length + 64);
        foreach (var paragraph in ParagraphBreak().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim()))
        {
            if (paragraph.Length == 0)
            {
                continue;
            }

            html.Append("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0)
                {
                    html.Append("<br>");
                }

                AppendLine(html, lines[i]);
            }

            html.Append("</p>");
        }

        return html.ToString();
    }

    /// <summary>Links as a spammer counts them: http(s) addresses and bare www. names.</summary>
    public static int CountLinks(string text) => LinkLike().Count(text ?? "");

    public static string Encode(string value) => Encoder.Encode(value);

    private static void AppendLine(StringBuilder html, string line)
    {
        var position = 0;
        foreach (Match match in Url().Matches(line))
        {
            var url = TrimTrailingPunctuation(match.Value);
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                continue;
            }

            html.Append(Encoder.Encode(line[position..match.Index]));
            html.Append("<a href=\"").Append(Encoder.Encode(uri.AbsoluteUri)).Append("\" rel=\"").Append(LinkRel).Append("\">")
                .Append(Encoder.Encode(url)).Append("</a>");
            position = match.Index + url.Length;
        }

        html.Append(Encoder.Encode(line[position..]));
    }

    /// <summary>"(see https://example.com/a)." links https://example.com/a: closing punctuation belongs to the sentence, unless balanced.</summary>
    private static string TrimTrailingPunctuation(string url)
    {
        var end = url.Length;
        while (end > 0)
        {
            var last = url[end - 1];
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"')
            {
                end--;
            }
            else if (last == ')' && url.AsSpan(0, end).Count('(') < url.AsSpan(0, end).Count(')'))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return url[..end];
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"https?://|\bwww\.[a-z0-9-]+\.", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLike();
}
