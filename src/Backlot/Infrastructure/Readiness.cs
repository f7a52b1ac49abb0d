using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backlot.Infrastructure;

/// <summary>
/// /healthz is liveness (the process answers); /readyz is readiness: every health check tagged
/// <see cref="Tag"/> (the database, the data folder's writability, and any store a feature adds) must
/// pass, else 503 with a JSON body naming the failing store, so a load balancer stops sending writes.
/// </summary>
public static class Readiness
{
    /// <summary>The tag a feature gives its health check to make it part of readiness.</summary>
    public const string Tag = "ready";

    public static WebApplicationBuilder AddReadiness(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks().AddCheck<DataFolderWritableCheck>("data-folder", tags: [Tag]);
        return builder;
    }

    public static WebApplication MapReadiness(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Tag),
            ResponseWriter = WriteAsync,
        }).DisableHttpMetrics();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
