using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

/// <summary>
/// Answers 301 for old paths in the <see cref="Redirect"/> table. It looks only when nothing else
/// answered (a 404 with no body yet), so live pages never pay for the lookup. WordPress's
/// "/?p=123" and "/?page_id=123" would be the home page, so those are looked up first, stored
/// with their query as "/?p=123". The database context is resolved only for those lookups, not
/// injected into every request (cached hits included).
/// </summary>
internal sealed class RedirectMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (WordPressIdPath(context.Request) is { } idPath)
        {
            var target = await Db(context).Redirects.AsNoTracking().Where(r => r.FromPath == idPath).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
            if (target is not null)
            {
                context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                context.Response.Headers.Location = target;
                return;
            }
        }

        await next(context);

        if (context.Response.StatusCode != StatusCodes.Status404NotFound
            || context.Response.HasStarted
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return;
        }

        var from = Redirect.NormalizePath(context.Request.Path.Value ?? "/");
        var to = await Db(context).Redirects.AsNoTracking().Where(r => r.FromPath == from).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        if (to is null)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = to + context.Request.QueryString;
    }

    private static BacklotDb Db(HttpContext context) => context.RequestServices.GetRequiredService<BacklotDb>();

    /// <summary>"/?p=123" or "/?page_id=123" (digits only), or null for any other request.</summary>
    internal static string? WordPressIdPath(HttpRequest request)
    {
        if (request.Path.Value is not ("/" or "") || !request.QueryString.HasValue
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return null;
        }

        foreach (var key in (string[])["p", "page_id"])
        {
            if (request.Query[key] is [{ Length: > 0 and <= 20 } id] && id.All(char.IsAsciiDigit))
            {
                return $"/?{key}={id}";
            }
        }

        return null;
    }
}
