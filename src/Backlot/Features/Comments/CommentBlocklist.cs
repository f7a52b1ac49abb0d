using System.Net;
using Backlot.Features.Site;

namespace Backlot.Features.Comments;

/// <summary>The words, emails and networks an administrator blocks in the settings, one per line.</summary>
public sealed class CommentBlocklist
{
    private readonly string[] words;
    private readonly string[] emails;
    private readonly IPNetwork[] networks;

    public CommentBlocklist(string words, string emails, string networks)
    {
        this.words = Lines(words);
        this.emails = [.. Lines(emails).Select(CommentRules.NormalizeEmail)];
        this.networks = [.. Lines(networks).Select(ParseNetwork).OfType<IPNetwork>()];
    }

    public static CommentBlocklist From(SiteProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.CommentBlockedWords, profile.CommentBlockedEmails, profile.CommentBlockedNetworks);
    }

    /// <summary>The lines of a networks setting that are neither an address nor a CIDR range.</summary>
    public static IEnumerable<string> InvalidNetworks(string networks) => Lines(networks).Where(line => ParseNetwork(line) is null);

    /// <summary>The first blocked word or phrase found in any of the values, case-insensitively.</summary>
    public string? BlockedWordIn(params string[] values) =>
        words.FirstOrDefault(word => values.Any(value => value.Contains(word, StringComparison.OrdinalIgnoreCase)));

    /// <summary>An exact address, or a whole domain written as "@example.com".</summary>
    public bool IsBlockedEmail(string email)
    {
        var normalized = CommentRules.NormalizeEmail(email);
        return emails.Any(blocked => blocked.StartsWith('@') ? normalized.EndsWith(blocked, StringComparison.Ordinal) : normalized == blocked);
    }

    public bool IsBlockedAddress(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(network => network.Contains(normalized));
    }

    private static string[] Lines(string value) =>
        [.. (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith('#'))];

    private static IPNetwork? ParseNetwork(string line)
    {
        if (IPNetwork.TryParse(line, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(line, out var single) ? new IPNetwork(single, single.GetAddressBytes().Length * 8) : null;
    }
}
