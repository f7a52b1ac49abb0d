using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

/// <summary>
/// Answers 301 for old paths in the <see cref="Redirect"/> table. It looks only when nothing else
/// answered (a 404 with no body yet), so live pages never pay for the lookup. WordPress's
/// "/?p=123" and "/?page_id=123" would be the home page, so those are looked up first, stored
/// with their query as "/?p=123"; in a folder WordPress was installed in ("/blog/?p=123") they are
/// looked up, with that query, when the path answered 404. The database context is resolved only
/// for those lookups, not injected into every request (cached hits included).
/// </summary>
internal sealed class RedirectMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var idPath = WordPressIdPath(context.Request);
        if (idPath is not null && context.Request.Path.Value is "/" or "")
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
        var byId = idPath is null ? null : await Db(context).Redirects.AsNoTracking().Where(r => r.FromPath == idPath).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        var to = byId ?? await Db(context).Redirects.AsNoTracking().Where(r => r.FromPath == from).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        if (to is null)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = byId is null ? to + context.Request.QueryString : to; // the id query was the old address, not a parameter to pass on
    }

    private static BacklotDb Db(HttpContext context) => context.RequestServices.GetRequiredService<BacklotDb>();

    /// <summary>"/?p=123", "/blog/?page_id=123" (digits only), as <see cref="Redirect.WordPressIdPath"/> stores them, or null for any other request.</summary>
    internal static string? WordPressIdPath(HttpRequest request)
    {
        if (!request.QueryString.HasValue || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return null;
        }

        foreach (var key in (string[])["p", "page_id"])
        {
            if (request.Query[key] is [{ Length: > 0 and <= 20 } id] && id.All(char.IsAsciiDigit))
            {
                return Redirect.WordPressIdPath(request.Path.Value is { Length: > 0 } path ? path : "/", key, id);
            }
        }

        return null;
    }
}
