using System.Net;
using Backlot.Infrastructure;
using Backlot.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Backlot.Tests.Infrastructure;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData("127.0.0.1", "", true)]
    [InlineData("::1", "", true)]
    [InlineData("192.0.2.10", "", false)]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("192.0.2.10", "10.0.0.0/8, 192.0.2.11", false)]
    [InlineData("192.0.2.11", "10.0.0.0/8, 192.0.2.11", true)]
    public void Metrics_are_served_to_loopback_and_the_allowed_networks_only(string address, string allowedFrom, bool expected)
    {
        var options = new TelemetryOptions { PrometheusAllowedFrom = allowedFrom };

        Assert.Equal(expected, options.MayScrape(IPAddress.Parse(address)));
    }

    [Fact]
    public void An_allowed_entry_that_is_not_an_address_names_the_setting()
    {
        var options = new TelemetryOptions { PrometheusAllowedFrom = "10.0.0.0/8, intranet" };

        var error = Assert.Throws<InvalidOperationException>(options.CheckAllowedNetworks);

        Assert.Contains("Telemetry:PrometheusAllowedFrom", error.Message, StringComparison.Ordinal);
        Assert.Contains("intranet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instance_without_a_name_is_named_after_its_machine_and_process_and_plays_every_role()
    {
        var identity = InstanceIdentity.From(new ConfigurationBuilder().Build());

        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", identity.Name);
        Assert.Equal("all", identity.Role);
    }

    [Fact]
    public void An_instance_takes_its_name_and_role_from_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Instance:Name"] = "web-2", ["Role"] = "Web" }).Build();

        var identity = InstanceIdentity.From(configuration);

        Assert.Equal(("web-2", "web"), (identity.Name, identity.Role));
    }
}
