using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>
/// Which push endpoints Backlot will send to: https on a known push service (or one the operator
/// allows), never a loopback, private, link-local or multicast address unless
/// <see cref="PushOptions.AllowPrivateNetworks"/> is on. Checked when a subscription arrives and
/// again, on the resolved address, when the sender connects.
/// </summary>
public sealed class EndpointPolicy(IOptionsMonitor<PushOptions> options)
{
    /// <summary>Null when <paramref name="endpoint"/> may be used; otherwise why not.</summary>
    public string? Check(string? endpoint, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return "The endpoint is required.";
        }

        if (endpoint.Length > SubscriptionRequest.MaxEndpointLength)
        {
            return $"The endpoint is longer than {SubscriptionRequest.MaxEndpointLength} characters.";
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var parsed) || parsed.UserInfo.Length > 0 || parsed.Fragment.Length > 0)
        {
            return "The endpoint is not an absolute URL.";
        }

        var settings = options.CurrentValue;
        if (parsed.Scheme != Uri.UriSchemeHttps && !(parsed.Scheme == Uri.UriSchemeHttp && settings.AllowPrivateNetworks))
        {
            return "The endpoint must be an https URL.";
        }

        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(parsed.DnsSafeHost, out var address))
        {
            if (IsPrivate(address) && !settings.AllowPrivateNetworks)
            {
                return "The endpoint is on a private or loopback address.";
            }

            if (!IsPrivate(address) && !IsAllowedHost(parsed.IdnHost, settings))
            {
                return $"The endpoint's host {parsed.IdnHost} is not a known push service (an operator can add it to Push:AllowedHosts).";
            }
        }
        else if (parsed.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || parsed.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            if (!settings.AllowPrivateNetworks)
            {
                return "The endpoint is on a private or loopback address.";
            }
        }
        else if (!IsAllowedHost(parsed.IdnHost, settings))
        {
            return $"The endpoint's host {parsed.IdnHost} is not a known push service (an operator can add it to Push:AllowedHosts).";
        }

        uri = parsed;
        return null;
    }

    /// <summary>Whether the sender may connect to <paramref name="address"/>: the same rule, applied after DNS.</summary>
    public bool MayConnectTo(IPAddress address) => options.CurrentValue.AllowPrivateNetworks || !IsPrivate(address);

    private static bool IsAllowedHost(string host, PushOptions settings) =>
        PushOptions.KnownHosts.Concat(settings.AllowedHosts).Any(known =>
            host.Equals(known, StringComparison.OrdinalIgnoreCase)
            || host.EndsWith("." + known, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loopback, private, shared, link-local, multicast, unspecified and reserved ranges, IPv4-mapped ones included.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,     // carrier-grade NAT
                169 => b[1] == 254,                  // link-local, cloud metadata
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,                      // multicast, reserved, broadcast
                _ => false,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            {
                return true;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)  // documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b); // NAT64, could reach IPv4 private ranges
        }

        return true;
    }
}
