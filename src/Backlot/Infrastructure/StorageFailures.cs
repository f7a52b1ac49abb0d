using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backlot.Infrastructure;

/// <summary>
/// A full, read-only or missing data folder or database is the site's storage failing, not a bug:
/// such a request answers 503 (with Retry-After) instead of a generic 500. JSON clients get problem
/// details; browsers get the site's error page for 503 (the status-code page). Nothing half-written
/// stays behind: the writers themselves write to a temporary name and move it into place.
/// </summary>
public static class StorageFailures
{
    public const string Title = "Storage unavailable";
    public const string Detail = "The site cannot write to its storage (the disk may be full or read-only). Nothing was saved; try again later.";

    /// <summary>The disk (full, read-only, a folder gone or replaced) or the database refusing writes, anywhere in the chain.</summary>
    public static bool IsStorageFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Kestrel's request-body and connection errors are IOExceptions too, from other namespaces.
                case IOException when e is not EndOfStreamException && e.GetType().Namespace == "System.IO":
                case UnauthorizedAccessException:
                // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_FULL
                case SqliteException { SqliteErrorCode: 8 or 10 or 13 or 14 }:
                // 53xxx insufficient resources (disk full, out of memory), 25006 read-only transaction
                case PostgresException p when p.SqlState.StartsWith("53", StringComparison.Ordinal) || p.SqlState == "25006":
                    return true;
            }
        }

        return false;
    }

    /// <summary>Asks for problem details rather than a page: an Accept or a body in JSON, or the API.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.Accept.Any(a => a is not null && a.Contains("json", StringComparison.OrdinalIgnoreCase))
            || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Inside the status-code pages (a browser's empty 503 becomes the error page) and outside everything that writes.</summary>
    public static IApplicationBuilder UseStorageFailures(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var log = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFailures).FullName!);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (IsStorageFailure(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                log.LogError(e, "Storage failed during {Method} {Path}; answered 503", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "60";
                if (WantsJson(context.Request))
                {
                    var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = Title, Detail = Detail };
                    await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
                }
            }
        });
    }
}
