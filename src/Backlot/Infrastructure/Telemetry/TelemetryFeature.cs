using System.Net;
using Backlot.Data;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Backlot.Infrastructure.Telemetry;

/// <summary>
/// What operators see: the instance and role on every log entry, Backlot's own meter, and
/// OpenTelemetry traces, metrics and logs exported over OTLP and/or scraped at /metrics.
/// With neither configured the OpenTelemetry SDK is not registered, so nothing listens and
/// nothing is exported.
/// </summary>
public static class TelemetryFeature
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var identity = InstanceIdentity.From(builder.Configuration);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton<BacklotMetrics>();
        builder.Services.AddSingleton<IExternalScopeProvider>(new InstanceLogScope(identity));
        if (builder.Configuration["Logging:Console:FormatterOptions:IncludeScopes"] is null)
        {
            // The instance scope is what tells one instance's console lines from another's. Without a
            // formatter name, the console copies its obsolete IncludeScopes (false) over the formatter's.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
            builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
            builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = true);
        }

        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.ExportsOtlp(builder.Configuration);
        if (!otlp && !options.Prometheus)
        {
            return builder;
        }

        var postgres = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.Provider == DatabaseProvider.Postgres;
        builder.Services.AddSingleton<QueueLengths>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("backlot", serviceInstanceId: identity.Name, autoGenerateServiceInstanceId: false)
                .AddAttributes([new("backlot.role", identity.Role)]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BacklotMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (postgres)
                {
                    metrics.AddNpgsqlInstrumentation(_ => { });
                }

                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, _) => services.GetRequiredService<QueueLengths>());

        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperatorPath(context.Request.Path))
                    .AddHttpClientInstrumentation();

                // Npgsql's own spans carry the SQL on PostgreSQL; EF Core's (a beta package) do the same on SQLite.
                if (postgres)
                {
                    tracing.AddNpgsql();
                }
                else
                {
                    tracing.AddEntityFrameworkCoreInstrumentation();
                }
            });
            telemetry.WithLogging();
            if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                telemetry.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_* environment variables
            }
            else
            {
                var protocol = options.OtlpProtocol.Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
                telemetry.UseOtlpExporter(protocol, new Uri(options.OtlpEndpoint));
            }
        }

        if (options.Prometheus)
        {
            options.CheckAllowedNetworks(); // a malformed PrometheusAllowedFrom stops start-up here, naming the setting
            builder.Services.AddSingleton<IStartupFilter>(new PrometheusEndpoint(options));
        }

        return builder;
    }

    private static bool IsOperatorPath(PathString path) =>
        path.StartsWithSegments(TelemetryOptions.MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);

    /// <summary>/metrics at the very front of the pipeline, answered only to loopback and the allowed networks.</summary>
    private sealed class PrometheusEndpoint(TelemetryOptions options) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == TelemetryOptions.MetricsPath && options.MayScrape(context.Connection.RemoteIpAddress));
            next(app);
        };
    }
}
