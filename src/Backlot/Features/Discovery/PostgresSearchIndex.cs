using Backlot.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Backlot.Features.Discovery;

/// <summary>
/// Search on PostgreSQL: the generated tsvector column "Vector" of SearchDocuments (GIN index,
/// weighted title A, names A, dek B, text C) and pg_trgm over SearchNames for typo tolerance.
/// </summary>
internal sealed class PostgresSearchIndex(BacklotDb db, TimeProvider clock) : ISearchIndex
{
    private static readonly string HeadlineOptions = $"StartSel={SearchText.MarkStart}, StopSel={SearchText.MarkEnd}, MaxWords=35, MinWords=15, MaxFragments=1, FragmentDelimiter=\" … \"";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var terms = SearchText.Terms(request.Query);
        if (terms.Count == 0)
        {
            return new SearchResults([], 0, null);
        }

        var results = await RunAsync(string.Join(" & ", terms.Select(Lexeme)), request, cancellationToken);
        if (results.Total > 0)
        {
            return results;
        }

        var names = await NearNamesAsync(request.Query, 3, cancellationToken);
        if (names.Count == 0)
        {
            return results;
        }

        var corrected = string.Join(" | ", names.Select(n => "(" + string.Join(" <-> ", SearchText.Terms(n).Select(Lexeme)) + ")"));
        return await RunAsync(corrected, request, cancellationToken) with { CorrectedQuery = names[0] };
    }

    private async Task<SearchResults> RunAsync(string tsquery, SearchRequest request, CancellationToken cancellationToken)
    {
        const string Filters = """
            AND d."PublishedAt" <= @now AND (@category IS NULL OR d."CategoryId" = @category) AND (@kind IS NULL OR d."Kind" = @kind)
            """;
        var total = await db.Database.SqlQueryRaw<int>(
            $"""SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM "SearchDocuments" d, to_tsquery('english', @tsq) AS q(query) WHERE d."Vector" @@ q.query {Filters} LIMIT {SearchText.MaxCounted}) c""",
            Parameters(tsquery, request)).SingleAsync(cancellationToken);
        if (total == 0)
        {
            return new SearchResults([], 0, null);
        }

        // Ranks only ids and dates (the ranking floor as a subquery, in the same round trip), then
        // reads the text of the page's rows alone for their headlines.
        var page = Math.Max(1, request.Page);
        var rows = await db.Database.SqlQueryRaw<HitRow>(
            $"""
            SELECT p."ArticleId", p."Rank",
                   ts_headline('english', t."Dek" || ' ' || left(t."Text", 3000), to_tsquery('english', @tsq), @options) AS "Snippet"
            FROM (
                SELECT d."ArticleId", d."PublishedAt", -ts_rank_cd(d."Vector", q.query)::float8 AS "Rank"
                FROM "SearchDocuments" d, to_tsquery('english', @tsq) AS q(query)
                WHERE d."Vector" @@ q.query AND d."ArticleId" >= {RankingFloor} {Filters}
                ORDER BY "Rank", d."PublishedAt" DESC
                LIMIT @take OFFSET @skip) p
            JOIN "SearchDocuments" t ON t."ArticleId" = p."ArticleId"
            ORDER BY p."Rank", p."PublishedAt" DESC
            """,
            [.. Parameters(tsquery, request), new NpgsqlParameter("options", HeadlineOptions), new NpgsqlParameter("rankedOffset", SearchText.MaxRanked - 1),
                new NpgsqlParameter("take", request.PageSize), new NpgsqlParameter("skip", (page - 1L) * request.PageSize)])
            .ToListAsync(cancellationToken);
        return new SearchResults([.. rows.Select(r => new SearchHit(r.ArticleId, r.Rank, r.Snippet ?? ""))], total, null);
    }

    public async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var terms = SearchText.Terms(prefix);
        if (terms.Count == 0 || terms[^1].Length < 2)
        {
            return [];
        }

        // 'simple' keeps the typed prefix as it is: the english stemmer would cut "strang" to "strang" but "stranger" to "stranger".
        var tsquery = string.Join(" & ", terms.Select((t, i) => i == terms.Count - 1 ? Lexeme(t) + ":*" : Lexeme(t)));
        var rows = await db.Database.SqlQueryRaw<SuggestionRow>(
            """
            SELECT d."ArticleId", d."Title"
            FROM "SearchDocuments" d, to_tsquery('simple', @tsq) AS q(query)
            WHERE to_tsvector('simple', d."Title" || ' ' || d."Names") @@ q.query AND d."PublishedAt" <= @now
            ORDER BY d."PublishedAt" DESC
            LIMIT @take
            """,
            new NpgsqlParameter("tsq", tsquery), new NpgsqlParameter("now", Now), new NpgsqlParameter("take", limit))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new SearchSuggestion(r.ArticleId, r.Title))];
    }

    public async Task<IReadOnlyList<(int ArticleId, double Score)>> SimilarAsync(IReadOnlyList<string> terms, int excludeArticleId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0)
        {
            return [];
        }

        var tsquery = string.Join(" | ", terms.Select(Lexeme));
        var rows = await db.Database.SqlQueryRaw<HitRow>(
            $"""
            SELECT d."ArticleId", ts_rank(d."Vector", q.query)::float8 AS "Rank", NULL::text AS "Snippet"
            FROM "SearchDocuments" d, to_tsquery('english', @tsq) AS q(query)
            WHERE d."Vector" @@ q.query AND d."ArticleId" <> @exclude AND d."ArticleId" >= {RankingFloor}
            ORDER BY "Rank" DESC
            LIMIT @take
            """,
            new NpgsqlParameter("tsq", tsquery), new NpgsqlParameter("exclude", excludeArticleId), new NpgsqlParameter("take", limit), new NpgsqlParameter("rankedOffset", SearchText.MaxRankedSimilar - 1))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.ArticleId, r.Rank))];
    }

    public async Task<IReadOnlyList<string>> NearNamesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var cleaned = string.Join(' ', SearchText.Terms(text));
        if (cleaned.Length < 3)
        {
            return [];
        }

        var candidates = await db.Database.SqlQueryRaw<string>(
            """
            SELECT "Name" AS "Value" FROM "SearchNames"
            WHERE "Name" % @text OR "Name" <% @text
            ORDER BY greatest(similarity("Name", @text), word_similarity("Name", @text)) DESC
            LIMIT 50
            """,
            new NpgsqlParameter("text", cleaned))
            .ToListAsync(cancellationToken);
        return NameMatching.Best(text, candidates, limit);
    }

    /// <summary>
    /// The lowest article id worth ranking, as a scalar subquery (see <see cref="SearchText.MaxRanked"/>):
    /// ts_rank over every match of a common word costs too much, so a broad query is ranked among its
    /// newest matches (@rankedOffset + 1 of them).
    /// </summary>
    private const string RankingFloor = """
        coalesce((SELECT f."ArticleId" FROM "SearchDocuments" f WHERE f."Vector" @@ to_tsquery('english', @tsq) ORDER BY f."ArticleId" DESC OFFSET @rankedOffset LIMIT 1), 0)
        """;

    private object[] Parameters(string tsquery, SearchRequest request) =>
    [
        new NpgsqlParameter("tsq", tsquery),
        new NpgsqlParameter("now", Now),
        new NpgsqlParameter("category", NpgsqlDbType.Integer) { Value = (object?)request.CategoryId ?? DBNull.Value },
        new NpgsqlParameter("kind", NpgsqlDbType.Integer) { Value = request.Kind is { } kind ? (int)kind : DBNull.Value },
    ];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A quoted tsquery lexeme: terms hold only letters and digits, so nothing in them is an operator.</summary>
    private static string Lexeme(string term) => "'" + term.Replace("'", "''", StringComparison.Ordinal) + "'";
}
