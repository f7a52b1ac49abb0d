using System.Net;

namespace Backlot.Infrastructure.Telemetry;

/// <summary>The <c>Telemetry</c> settings. With none set, no OpenTelemetry SDK is registered at all.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string MetricsPath = "/metrics";

    /// <summary>OTLP collector address; else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (read by the exporter itself).</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, for <see cref="OtlpEndpoint"/>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serves Prometheus's text format at /metrics.</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// Addresses or networks (CIDR) besides loopback that may read /metrics, comma-separated
    /// (for example <c>10.0.0.0/8</c>). Anyone else gets the site's 404.
    /// </summary>
    public string PrometheusAllowedFrom { get; set; } = "";

    private IPNetwork[]? allowed;

    /// <summary>Whether an OTLP endpoint is configured, here or through the standard environment variable.</summary>
    public bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary>Whether a scraper at <paramref name="address"/> may read /metrics: loopback, no address at all, or an allowed network.</summary>
    internal bool MayScrape(IPAddress? address)
    {
        // No address: the in-process test server or a Unix socket, neither reachable from the network.
        if (address is null || IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        allowed ??= ParseAllowed(PrometheusAllowedFrom);
        foreach (var network in allowed)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <see cref="PrometheusAllowedFrom"/>; an entry that is neither an address nor a network throws, naming the setting.</summary>
    internal void CheckAllowedNetworks() => allowed = ParseAllowed(PrometheusAllowedFrom);

    private static IPNetwork[] ParseAllowed(string setting)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException($"Telemetry:PrometheusAllowedFrom: \"{entry}\" is neither an address nor a network such as 10.0.0.0/8.");
            }
        }

        return [.. networks];
    }
}
