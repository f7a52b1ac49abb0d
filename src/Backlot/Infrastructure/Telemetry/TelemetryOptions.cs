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

    /// <summary>Whether an OTLP endpoint is configured, here or through the standard environment variable.</summary>
    public bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(OtlpEndpoint) || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    internal IReadOnlyList<IPNetwork> AllowedNetworks()
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in PrometheusAllowedFrom.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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

        return networks;
    }
}
