using Backlot.Features.Site;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Backlot.Features.Discovery;

/// <summary>
/// /feed (RSS), /feed/atom, /feed.json for the site; /feed/{category|tag|work|person|author}/{slug}
/// and …/atom for one list. Output-cached with the lists they mirror; answer 304 to a matching
/// If-None-Match or If-Modified-Since.
/// </summary>
internal static class FeedEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/feed", (FeedWriter feeds, HttpContext http, CancellationToken ct) => ServeAsync(feeds, http, null, null, Format.Rss, ct)).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/feed/atom", (FeedWriter feeds, HttpContext http, CancellationToken ct) => ServeAsync(feeds, http, null, null, Format.Atom, ct)).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/feed.json", (FeedWriter feeds, HttpContext http, CancellationToken ct) => ServeAsync(feeds, http, null, null, Format.Json, ct)).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/feed/{kind:regex(^(category|tag|work|person|author)$)}/{slug:slug}", (string kind, string slug, FeedWriter feeds, HttpContext http, CancellationToken ct) => ServeAsync(feeds, http, kind, slug, Format.Rss, ct)).CacheOutput(PublicPageCache.PolicyName);
        app.MapGet("/feed/{kind:regex(^(category|tag|work|person|author)$)}/{slug:slug}/atom", (string kind, string slug, FeedWriter feeds, HttpContext http, CancellationToken ct) => ServeAsync(feeds, http, kind, slug, Format.Atom, ct)).CacheOutput(PublicPageCache.PolicyName);
    }

    private enum Format
    {
        Rss,
        Atom,
        Json,
    }

    private static async Task<IResult> ServeAsync(FeedWriter feeds, HttpContext http, string? kind, string? slug, Format format, CancellationToken cancellationToken)
    {
        var scope = await feeds.ScopeAsync(kind, slug, cancellationToken);
        if (scope is null)
        {
            return TypedResults.NotFound();
        }

        http.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicPageCache.ListsTag);
        var content = await feeds.ReadAsync(scope, cancellationToken);
        var etag = new EntityTagHeaderValue(content.ETag);
        var lastModified = new DateTimeOffset(content.LastModified);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        var request = http.Request.GetTypedHeaders();
        var notModified = request.IfNoneMatch is { Count: > 0 } candidates
            ? candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false))
            : request.IfModifiedSince is { } since && lastModified <= since.AddSeconds(1);
        if (notModified)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return format switch
        {
            Format.Atom => TypedResults.Text(feeds.Atom(content), "application/atom+xml; charset=utf-8"),
            Format.Json => TypedResults.Text(feeds.Json(content), "application/feed+json; charset=utf-8"),
            _ => TypedResults.Text(feeds.Rss(content), "application/rss+xml; charset=utf-8"),
        };
    }
}
