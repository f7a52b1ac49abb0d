using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace Backlot.Infrastructure;

/// <summary>
/// What an error status without a body becomes, once the exception handler or the status-code pages
/// re-execute the request for it: problem details (RFC 9457) for JSON clients, the error page for
/// browsers, whatever the request's method.
/// </summary>
public static class ErrorResponses
{
    /// <summary>Goes right after UseExceptionHandler and UseStatusCodePagesWithReExecute, which call it on re-execution.</summary>
    public static IApplicationBuilder UseErrorResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var askedFor = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
                ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path;
            if (askedFor is null)
            {
                await next(context);
                return;
            }

            if (JsonClients.Expects(context.Request, askedFor))
            {
                await WriteProblemAsync(context, context.Response.StatusCode);
                return;
            }

            // The error page is read, not posted to: re-run as the original POST (or TRACE, PUT…) it
            // would be refused with 405, or fail its own antiforgery check and answer 400 with no body.
            // Re-execution may have routed already (with the original method): route again as a GET.
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            context.SetEndpoint(null);
            context.Request.RouteValues.Clear();
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = method;
            }
        });

    /// <summary>An application/problem+json body for <paramref name="status"/>; no detail that could leak internals.</summary>
    public static Task WriteProblemAsync(HttpContext context, int status, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.KeepOwnErrorBody();
        return TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status)).ExecuteAsync(context);
    }
}
