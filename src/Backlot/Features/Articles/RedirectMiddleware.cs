using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles;

/// <summary>
/// Answers 301 for old paths in the <see cref="Redirect"/> table. It looks only when nothing else
/// answered (a 404 with no body yet), so live pages never pay for the lookup, nor for renting a
/// database context: it is resolved only then, not injected into every request.
/// </summary>
internal sealed class RedirectMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        if (context.Response.StatusCode != StatusCodes.Status404NotFound
            || context.Response.HasStarted
            || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return;
        }

        var db = context.RequestServices.GetRequiredService<BacklotDb>();
        var from = Redirect.NormalizePath(context.Request.Path.Value ?? "/");
        var to = await db.Redirects.AsNoTracking().Where(r => r.FromPath == from).Select(r => r.ToPath).FirstOrDefaultAsync(context.RequestAborted);
        if (to is null)
        {
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        context.Response.Headers.Location = to + context.Request.QueryString;
    }
}
