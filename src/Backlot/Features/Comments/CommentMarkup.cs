using System.Globalization;
using System.Text;

namespace Backlot.Features.Comments;

/// <summary>
/// The HTML of one comment, written in one place for the page, the posting response and the live
/// stream, so a comment looks the same however it arrives. Every value is encoded.
/// </summary>
public static class CommentMarkup
{
    private const int AvatarColours = 8;

    public static string Card(CommentView comment, int depth, int maxDepth, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(zone);
        var html = new StringBuilder(512 + comment.Body.Length);
        var id = comment.Id.ToString(CultureInfo.InvariantCulture);
        var name = CommentText.Encode(comment.AuthorName);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(comment.CreatedAt, DateTimeKind.Utc), zone);

        html.Append("<article class=\"comment-card\" aria-labelledby=\"comment-").Append(id).Append("-author\">");
        html.Append("<header class=\"comment-meta\"><span class=\"avatar avatar--").Append(ColourOf(comment.AuthorName)).Append("\" aria-hidden=\"true\">")
            .Append(CommentText.Encode(Initials(comment.AuthorName))).Append("</span>");
        html.Append("<b class=\"comment-author\" id=\"comment-").Append(id).Append("-author\">");
        // A link to the commenter's site is shown only once a moderator has let the comment through.
        if (!comment.Held && CommentRules.WebsiteUri(comment.AuthorWebsite) is { } website)
        {
            html.Append("<a href=\"").Append(CommentText.Encode(website.AbsoluteUri)).Append("\" rel=\"").Append(CommentText.LinkRel).Append(" external\">")
                .Append(name).Append("</a>");
        }
        else
        {
            html.Append(name);
        }

        html.Append("</b> <a class=\"comment-time\" href=\"#comment-").Append(id).Append("\"><time datetime=\"")
            .Append(DateTime.SpecifyKind(comment.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append("\">")
            .Append(local.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)).Append("</time></a></header>");
        if (comment.Held)
        {
            html.Append("<p class=\"comment-held\">Your comment is awaiting moderation.</p>");
        }

        html.Append("<div class=\"comment-text\">").Append(CommentText.ToHtml(comment.Body)).Append("</div>");
        if (!comment.Held && depth < maxDepth)
        {
            html.Append("<a class=\"comment-reply\" href=\"?replytocom=").Append(id).Append("#respond\" data-reply-to=\"").Append(id)
                .Append("\" data-reply-name=\"").Append(name).Append("\">Reply<span class=\"visually-hidden\"> to ").Append(name).Append("</span></a>");
        }

        html.Append("</article>");
        return html.ToString();
    }

    /// <summary>Up to two letters from the name's words: "Ada Lovelace" is "AL". Drawn locally; no Gravatar, which would hand an email hash to a third party.</summary>
    public static string Initials(string name)
    {
        var letters = (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.EnumerateRunes().FirstOrDefault(Rune.IsLetterOrDigit))
            .Where(rune => rune.Value != 0)
            .Take(2)
            .Select(rune => rune.ToString().ToUpperInvariant());
        var initials = string.Concat(letters);
        return initials.Length > 0 ? initials : "?";
    }

    /// <summary>A colour that stays the same for a name across processes (string.GetHashCode does not).</summary>
    public static int ColourOf(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name ?? "")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % AvatarColours);
    }
}
