using System.Net;
using System.Security.Cryptography;
using System.Text;
using Backlot.Data;
using Backlot.Features.Site;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>
/// Keyed hashes for comments: an IP address is kept only as an HMAC (so the store never holds an
/// address, and an unkeyed hash of the 4 billion IPv4 addresses cannot be reversed by brute force),
/// and the link that shows a held comment to its author is signed. The key lives in the database,
/// so every instance shares it.
/// </summary>
public sealed class CommentHashes(IServiceScopeFactory scopes)
{
    private const string KeySetting = "comments:hash-key";
    private byte[]? key;

    public async Task<string> OfAddressAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        if (address is null)
        {
            return "";
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes("ip:" + normalized)));
    }

    /// <summary>An address as it was written by an importer (a WordPress export's comment_author_IP).</summary>
    public async Task<string> OfAddressAsync(string address, CancellationToken cancellationToken) =>
        IPAddress.TryParse(address, out var parsed) ? await OfAddressAsync(parsed, cancellationToken) : "";

    /// <summary>The signature in a held comment's link (?unapproved=ID&amp;moderation-hash=…), so only its author sees it.</summary>
    public async Task<string> ModerationHashAsync(int commentId, CancellationToken cancellationToken) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(await KeyAsync(cancellationToken), Encoding.UTF8.GetBytes($"held:{commentId}")))[..32];

    public async Task<bool> IsModerationHashAsync(int commentId, string? hash, CancellationToken cancellationToken) =>
        hash is { Length: 32 }
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(await ModerationHashAsync(commentId, cancellationToken)), Encoding.ASCII.GetBytes(hash));

    public static string DuplicateKey(int articleId, string email, string text)
    {
        var normalizedText = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{articleId}\n{CommentRules.NormalizeEmail(email)}\n{normalizedText}")));
    }

    /// <summary>Loads (or creates) the key now, outside any transaction the caller is about to open.</summary>
    public Task PrepareAsync(CancellationToken cancellationToken) => KeyAsync(cancellationToken);

    private async Task<byte[]> KeyAsync(CancellationToken cancellationToken)
    {
        if (key is { } known)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var stored = await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key == KeySetting).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            db.Set<SiteSetting>().Add(new SiteSetting { Key = KeySetting, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance or request created it first: theirs is the key.
            }

            stored = await db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key == KeySetting).Select(s => s.Value).FirstAsync(cancellationToken);
        }

        return key = Convert.FromBase64String(stored);
    }
}
