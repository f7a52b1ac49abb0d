using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Backlot.Features.Comments;

/// <summary>
/// The time a comment form was shown, signed, so a bot cannot claim it waited: a form sent back
/// within <see cref="CommentRules.MinimumTimeToWrite"/> was not written by a person.
/// </summary>
public sealed class CommentFormStamp(IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector protector = protection.CreateProtector("Backlot.Comments.FormStamp");

    public string Issue(int articleId) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{articleId}:{clock.GetUtcNow().UtcTicks}"));

    /// <summary>When the form for this article was shown; null when the stamp is missing, forged or for another article.</summary>
    public DateTime? IssuedAt(string? stamp, int articleId)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return null;
        }

        string plain;
        try
        {
            plain = protector.Unprotect(stamp);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = plain.Split(':');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == articleId
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks is > 0 and <= 3155378975999999999
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;
    }
}
