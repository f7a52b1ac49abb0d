using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Backlot.Features.Comments;

/// <summary>What a reader sent in the comment form, untrusted. Field names match the form's inputs and the error keys.</summary>
public sealed record CommentSubmission
{
    public int ArticleId { get; init; }
    public int? ParentId { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Website { get; init; } = "";
    public string Text { get; init; } = "";

    /// <summary>The honeypot: hidden from people, filled in by bots that fill in every field.</summary>
    public string Honeypot { get; init; } = "";

    /// <summary>The signed time the form was shown (<see cref="CommentFormStamp"/>).</summary>
    public string Stamp { get; init; } = "";

    public bool Remember { get; init; }
}

/// <summary>The limits of a comment and the checks on each field, with messages a reader can act on.</summary>
public static class CommentRules
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int WebsiteMaxLength = 200;
    public const int TextMaxLength = 5_000;

    /// <summary>More links than this and a comment waits for a moderator.</summary>
    public const int MaxLinksBeforeHold = 2;

    /// <summary>A form sent sooner than this after it was shown was not filled in by a person.</summary>
    public static readonly TimeSpan MinimumTimeToWrite = TimeSpan.FromSeconds(3);

    /// <summary>Trims the fields and makes line breaks \n; the text keeps its inner layout.</summary>
    public static CommentSubmission Normalize(CommentSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission with
        {
            Name = submission.Name.Trim(),
            Email = submission.Email.Trim(),
            Website = submission.Website.Trim(),
            Text = submission.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim(),
        };
    }

    /// <summary>Every problem with a normalised submission, keyed by the form field it concerns; empty when it may be posted.</summary>
    public static Dictionary<string, string[]> Validate(CommentSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        foreach (var (field, value) in new[] { ("name", submission.Name), ("email", submission.Email), ("website", submission.Website), ("text", submission.Text) })
        {
            if (CharacterProblem(field, value) is { } problem)
            {
                Add(field, problem);
            }
        }

        if (submission.Name.Length == 0)
        {
            Add("name", "Please enter your name.");
        }
        else if (LengthOf(submission.Name) > NameMaxLength)
        {
            Add("name", $"The name is longer than {NameMaxLength} characters.");
        }

        if (submission.Email.Length == 0)
        {
            Add("email", "Please enter your email address. It will not be published.");
        }
        else if (LengthOf(submission.Email) > EmailMaxLength)
        {
            Add("email", $"The email address is longer than {EmailMaxLength} characters.");
        }
        else if (!IsEmailAddress(submission.Email))
        {
            Add("email", "Please enter a valid email address, such as name@example.com.");
        }

        if (LengthOf(submission.Website) > WebsiteMaxLength)
        {
            Add("website", $"The website address is longer than {WebsiteMaxLength} characters.");
        }
        else if (submission.Website.Length > 0 && WebsiteUri(submission.Website) is null)
        {
            Add("website", "The website must be a web address starting with http:// or https://.");
        }

        if (submission.Text.Length == 0)
        {
            Add("text", "Please type a comment.");
        }
        else if (LengthOf(submission.Text) > TextMaxLength)
        {
            Add("text", string.Create(CultureInfo.InvariantCulture, $"The comment is longer than {TextMaxLength:N0} characters ({LengthOf(submission.Text):N0}). Please shorten it."));
        }

        return errors;
    }

    /// <summary>An http(s) address with a host and no credentials; null for anything else (javascript:, data:, relative…).</summary>
    public static Uri? WebsiteUri(string website) =>
        Uri.TryCreate(website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            && !website.Any(char.IsWhiteSpace)
            ? uri
            : null;

    /// <summary>Emails compare case-insensitively: "Ann@Example.com" and "ann@example.com" are one commenter.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static bool IsEmailAddress(string email) =>
        MailAddress.TryCreate(email, out var address)
        && address.Address == email // no display name, no comments, no angle brackets
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !email.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '(' or ')' or ',' or ';' or '\\');

    /// <summary>Characters as a reader counts them: an emoji is one, not two UTF-16 units.</summary>
    private static int LengthOf(string value) => value.EnumerateRunes().Count();

    /// <summary>Labels of the form's fields, as messages name them.</summary>
    public static string LabelOf(string field) => field switch
    {
        "name" => "Name",
        "email" => "Email",
        "website" => "Website",
        "text" => "Comment",
        _ => field,
    };

    /// <summary>Why a field's characters are refused (invalid UTF-8, a control character), or null when they are fine.</summary>
    public static string? CharacterProblem(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var label = LabelOf(field);

        // Form decoding turns invalid UTF-8 into U+FFFD; a real reader almost never types it.
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return $"{label} is not valid UTF-8 text.";
        }

        var multiline = field == "text";
        foreach (var rune in value.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var allowedBreak = multiline && rune.Value is '\n' or '\t';
            if ((category == UnicodeCategory.Control && !allowedBreak) || category == UnicodeCategory.Surrogate)
            {
                return $"{label} contains a control character (U+{rune.Value:X4}).";
            }
        }

        return null;
    }
}
