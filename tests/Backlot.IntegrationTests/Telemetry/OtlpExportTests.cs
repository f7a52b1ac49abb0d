using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Backlot.IntegrationTests.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Backlot.IntegrationTests.Telemetry;

/// <summary>An OTLP/HTTP collector on 127.0.0.1 that keeps what each signal's path received (protobuf, so strings appear as bytes).</summary>
public sealed class FakeOtlpCollector : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOtlpCollector(WebApplication app, string origin)
    {
        this.app = app;
        Origin = origin;
    }

    public string Origin { get; }

    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();

    public static async Task<FakeOtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeOtlpCollector? collector = null;
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector!.Received.Enqueue((context.Request.Path, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        collector = new FakeOtlpCollector(app, app.Urls.First());
        return collector;
    }

    public bool Saw(string path, string text) => Received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>The demo site exporting to <see cref="FakeOtlpCollector"/> over OTLP/HTTP.</summary>
public sealed class OtlpSiteFactory : BacklotFactory
{
    private readonly FakeOtlpCollector collector = FakeOtlpCollector.StartAsync().GetAwaiter().GetResult();

    public FakeOtlpCollector Collector => collector;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Telemetry:OtlpEndpoint"] = collector.Origin,
        ["Telemetry:OtlpProtocol"] = "http/protobuf",
        ["Instance:Name"] = "otlp-instance-3",
        ["Role"] = "web",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await collector.DisposeAsync();
    }
}

public sealed class OtlpExportTests(OtlpSiteFactory site) : IClassFixture<OtlpSiteFactory>
{
    [Fact]
    public async Task With_an_OTLP_endpoint_traces_metrics_and_logs_reach_the_collector_with_the_instance_and_role()
    {
        using var response = await site.CreateClient().GetAsync(new Uri("/movies", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var articleId = await CommentData.ArticleIdAsync(site);
        using (var posted = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Otto Exported", $"otto.{Guid.NewGuid():N}@example.test", $"Held and exported {Guid.NewGuid():N}")))
        {
            Assert.True(posted.IsSuccessStatusCode, $"posting answered {(int)posted.StatusCode}"); // a first comment is held, and that is logged
        }

        Assert.True(site.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(site.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(site.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));

        foreach (var signal in new[] { "/v1/traces", "/v1/metrics", "/v1/logs" })
        {
            Assert.True(site.Collector.Saw(signal, "otlp-instance-3"), $"{signal}: no export naming the instance");
            Assert.True(site.Collector.Saw(signal, "backlot.role"), $"{signal}: no backlot.role attribute");
        }

        Assert.True(site.Collector.Saw("/v1/traces", "/movies"), "no span for the request");
        Assert.True(site.Collector.Saw("/v1/metrics", "http.server.request.duration"), "no ASP.NET Core metrics");
        Assert.True(site.Collector.Saw("/v1/metrics", "backlot.comments.held"), "no Backlot metrics");
        Assert.True(site.Collector.Saw("/v1/logs", "Held comment"), "no log entry for the held comment");
    }
}

/// <summary>With no telemetry setting the OpenTelemetry SDK is not there at all.</summary>
public sealed class NoTelemetryTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public void Without_telemetry_settings_no_OpenTelemetry_provider_is_registered()
    {
        Assert.Null(site.Services.GetService<TracerProvider>());
        Assert.Null(site.Services.GetService<MeterProvider>());
        Assert.Null(site.Services.GetService<LoggerProvider>());
    }
}
