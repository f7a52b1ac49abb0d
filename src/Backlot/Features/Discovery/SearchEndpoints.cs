using Backlot.Data;
using Backlot.Features.Articles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>GET /search/suggest?q=: titles for the header search box as the reader types.</summary>
internal static class SearchEndpoints
{
    public const int MaxSuggestions = 8;

    public static void Map(WebApplication app) =>
        app.MapGet("/search/suggest", SuggestAsync);

    private static async Task<Ok<SuggestionsResponse>> SuggestAsync(string? q, ISearchIndex search, BacklotDb db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var query = SearchText.Clean(q);
        var suggestions = await search.SuggestAsync(query, MaxSuggestions, cancellationToken);
        var ids = suggestions.Select(s => s.ArticleId).ToList();
        var paths = ids.Count == 0
            ? []
            : await db.Articles.AsNoTracking()
                .Where(ArticleVisibility.PublicAt(clock.GetUtcNow().UtcDateTime))
                .Where(a => ids.Contains(a.Id))
                .Select(a => new { a.Id, CategorySlug = a.Category.Slug, a.Slug })
                .ToDictionaryAsync(a => a.Id, a => ArticleUrls.PathOf(a.CategorySlug, a.Slug), cancellationToken);

        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Ok(new SuggestionsResponse(
            query,
            [.. suggestions.Where(s => paths.ContainsKey(s.ArticleId)).Select(s => new SuggestionItem(s.Title, paths[s.ArticleId]))]));
    }
}

internal sealed record SuggestionsResponse(string Query, IReadOnlyList<SuggestionItem> Suggestions);

internal sealed record SuggestionItem(string Title, string Url);
