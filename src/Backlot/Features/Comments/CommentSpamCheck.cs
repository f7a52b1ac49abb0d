using System.Globalization;
using System.Net;

namespace Backlot.Features.Comments;

/// <summary>What the spam checks concluded: a status to force (Spam, or Pending for a moderator) and why, in words for the moderator.</summary>
public sealed record SpamVerdict(CommentStatus? Status, string Reason)
{
    public static readonly SpamVerdict Clean = new(null, "");
}

/// <summary>
/// Spam defence without a third-party service: a honeypot, a signed form time, a link count and the
/// administrator's blocklists. Duplicates and flooding are refused earlier (409, 429); this decides
/// whether an otherwise valid comment is held.
/// </summary>
public static class CommentSpamCheck
{
    public static SpamVerdict Judge(CommentSubmission submission, DateTime? formShownAt, DateTime now, IPAddress? address, CommentBlocklist blocklist)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(blocklist);
        var spam = new List<string>();
        var hold = new List<string>();

        if (submission.Honeypot.Length > 0)
        {
            spam.Add("the hidden honeypot field was filled in");
        }

        if (formShownAt is not { } shown)
        {
            spam.Add("the form's signed timestamp was missing or forged");
        }
        else if (now - shown < CommentRules.MinimumTimeToWrite)
        {
            spam.Add(string.Create(CultureInfo.InvariantCulture, $"sent {Math.Max(0, (now - shown).TotalSeconds):0.0} s after the form was shown"));
        }

        if (blocklist.BlockedWordIn(submission.Name, submission.Email, submission.Website, submission.Text) is { } word)
        {
            spam.Add($"contains the blocked word \"{word}\"");
        }

        if (blocklist.IsBlockedEmail(submission.Email))
        {
            spam.Add("the email address is blocked");
        }

        if (blocklist.IsBlockedAddress(address))
        {
            spam.Add("sent from a blocked IP address");
        }

        var links = CommentText.CountLinks(submission.Text);
        if (links > CommentRules.MaxLinksBeforeHold)
        {
            hold.Add(string.Create(CultureInfo.InvariantCulture, $"{links} links (more than {CommentRules.MaxLinksBeforeHold})"));
        }

        return spam.Count > 0 ? new SpamVerdict(CommentStatus.Spam, string.Join("; ", spam.Concat(hold)))
            : hold.Count > 0 ? new SpamVerdict(CommentStatus.Pending, string.Join("; ", hold))
            : SpamVerdict.Clean;
    }
}
