using Backlot.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Backlot.Features.Discovery;

/// <summary>
/// Search on PostgreSQL: the generated tsvector columns of SearchDocuments, "Vector" (everything,
/// weighted title A, names A, dek B, text C; GIN index) to match and "RankVector" (title, names and
/// dek only: small, lz4, kept in the row; GIN index) to rank; pg_trgm over SearchNames for typos.
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

        var results = await RunAsync(string.Join(" & ", terms.Select(Lexeme)), request, textOnlyWhenNoneRanked: false, cancellationToken);
        if (results.Total > 0)
        {
            return results;
        }

        var names = await NearNamesAsync(request.Query, 3, cancellationToken);
        if (names.Count == 0)
        {
            return results;
        }

        // The corrected names are phrases. A phrase tested against the whole text must read every
        // candidate's large vector from TOAST (15-40 ms when those pages are not in shared buffers),
        // so the stories about the name (the first tier: title, works and people, dek) are the
        // results, and the text is searched only when there are none.
        var corrected = string.Join(" | ", names.Select(n => "(" + string.Join(" <-> ", SearchText.Terms(n).Select(Lexeme)) + ")"));
        return await RunAsync(corrected, request, textOnlyWhenNoneRanked: true, cancellationToken) with { CorrectedQuery = names[0] };
    }

    private const string Filters = """
        AND d."PublishedAt" <= @now AND (@category IS NULL OR d."CategoryId" = @category) AND (@kind IS NULL OR d."Kind" = @kind)
        """;

    /// <param name="textOnlyWhenNoneRanked">Matches in the text alone count only when no title, names or dek match.</param>
    private async Task<SearchResults> RunAsync(string tsquery, SearchRequest request, bool textOnlyWhenNoneRanked, CancellationToken cancellationToken)
    {
        // Matching is the whole text ("Vector"); ranking is title, names and dek ("RankVector", small,
        // kept in the row). "Vector" is tested through its GIN index: reading the large vector row by
        // row (from TOAST) to test or rank it is what made a search cost hundreds of milliseconds.
        //
        // First tier: documents whose title, names or dek match, the newest MaxRanked of them, by
        // relevance then date, found through the small vector's GIN index or, for a common word, by
        // walking the primary key backwards (either way only the small vector is read).
        var page = Math.Max(1, request.Page);
        var skip = (page - 1L) * request.PageSize;
        var rows = await db.Database.SqlQueryRaw<TieredHitRow>(
            $"""
            SELECT p."ArticleId", p."Rank", p."Ranked",
                   ts_headline('english', t."Dek" || ' ' || left(t."Text", 3000), to_tsquery('english', @tsq), @options) AS "Snippet"
            FROM (
                SELECT c."ArticleId", c."PublishedAt", -ts_rank_cd(c."RankVector", to_tsquery('english', @tsq))::float8 AS "Rank", count(*) OVER ()::int AS "Ranked"
                FROM (
                    SELECT d."ArticleId", d."PublishedAt", d."RankVector"
                    FROM "SearchDocuments" d
                    WHERE d."RankVector" @@ to_tsquery('english', @tsq) {Filters}
                    ORDER BY d."ArticleId" DESC
                    LIMIT {SearchText.MaxRanked}) c
                ORDER BY "Rank", c."PublishedAt" DESC
                LIMIT @take OFFSET @skip) p
            JOIN "SearchDocuments" t ON t."ArticleId" = p."ArticleId"
            ORDER BY p."Rank", p."PublishedAt" DESC
            """,
            [.. Parameters(tsquery, request), new NpgsqlParameter("options", HeadlineOptions), new NpgsqlParameter("take", request.PageSize), new NpgsqlParameter("skip", skip)])
            .ToListAsync(cancellationToken);
        var hits = rows.Select(r => new SearchHit(r.ArticleId, r.Rank, r.Snippet ?? "")).ToList();

        // The first tier's size comes with its rows; only a page past its end has to count it.
        var ranked = rows.Count > 0 ? rows[0].Ranked : skip == 0 ? 0 : await CountAsync(wholeText: false, tsquery, request, cancellationToken);

        // Counting stops at MaxCounted. A full first tier is the count; otherwise the whole text is
        // counted, through its GIN index.
        var total = ranked >= SearchText.MaxCounted ? SearchText.MaxCounted
            : textOnlyWhenNoneRanked && ranked > 0 ? ranked
            : await CountAsync(wholeText: true, tsquery, request, cancellationToken);
        if (total == 0)
        {
            return new SearchResults([], 0, null);
        }

        // Second tier, only when the page reaches past the first: documents matching in their text
        // alone, newest first (they rank below any title, name or dek match).
        if (hits.Count < request.PageSize && total > ranked)
        {
            var textOnly = await db.Database.SqlQueryRaw<HitRow>(
                $"""
                {WholeTextThroughIndex}
                SELECT p."ArticleId", 0::float8 AS "Rank",
                       ts_headline('english', t."Dek" || ' ' || left(t."Text", 3000), to_tsquery('english', @tsq), @options) AS "Snippet"
                FROM (
                    SELECT d."ArticleId", d."PublishedAt"
                    FROM "SearchDocuments" d
                    WHERE d."Vector" @@ to_tsquery('english', @tsq) AND NOT d."RankVector" @@ to_tsquery('english', @tsq) {Filters}
                    ORDER BY d."PublishedAt" DESC
                    LIMIT @take OFFSET @skip) p
                JOIN "SearchDocuments" t ON t."ArticleId" = p."ArticleId"
                ORDER BY p."PublishedAt" DESC
                """,
                [.. Parameters(tsquery, request), new NpgsqlParameter("options", HeadlineOptions),
                    new NpgsqlParameter("take", request.PageSize - hits.Count), new NpgsqlParameter("skip", Math.Max(0, skip - ranked))])
                .ToListAsync(cancellationToken);
            hits.AddRange(textOnly.Select(r => new SearchHit(r.ArticleId, r.Rank, r.Snippet ?? "")));
        }

        return new SearchResults(hits, total, null);
    }

    /// <summary>
    /// Run before a statement that tests the whole text ("Vector"), in the same round trip (Npgsql
    /// sends both in one implicit transaction, which SET LOCAL lasts for). The planner does not know
    /// that testing "Vector" row by row reads it from TOAST: for a word in a fifth of the documents
    /// it reckons a sequential scan finds a thousand matches sooner than the GIN index, and takes
    /// 25-90 ms where the index takes 5. Searches run outside any transaction of their caller; inside
    /// one, the setting would last until it ends.
    /// </summary>
    private const string WholeTextThroughIndex = "SET LOCAL enable_seqscan = off;";

    private static readonly string CountWholeTextSql = CountSql(WholeTextThroughIndex, "Vector", SearchText.MaxCounted);
    private static readonly string CountRankedSql = CountSql("", "RankVector", SearchText.MaxRanked);

    private static string CountSql(string plan, string column, int limit) =>
        $"""{plan} SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM "SearchDocuments" d WHERE d."{column}" @@ to_tsquery('english', @tsq) {Filters} LIMIT {limit}) m""";

    /// <summary>Matches of the whole text (or of title, names and dek alone), counted up to <see cref="SearchText.MaxCounted"/>.</summary>
    private async Task<int> CountAsync(bool wholeText, string tsquery, SearchRequest request, CancellationToken cancellationToken)
    {
        // Not composed (no SingleAsync on the query): EF would wrap both statements in a subquery.
        var counts = await db.Database.SqlQueryRaw<int>(wholeText ? CountWholeTextSql : CountRankedSql, Parameters(tsquery, request))
            .ToListAsync(cancellationToken);
        return counts.Single();
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

        // Key terms come from titles, names, headings and deks, and are compared with those of other
        // articles (the small vector): the newest MaxRankedSimilar that share any, ranked.
        var tsquery = string.Join(" | ", terms.Select(Lexeme));
        var rows = await db.Database.SqlQueryRaw<HitRow>(
            $"""
            SELECT c."ArticleId", ts_rank(c."RankVector", to_tsquery('english', @tsq))::float8 AS "Rank", NULL::text AS "Snippet"
            FROM (
                SELECT d."ArticleId", d."RankVector"
                FROM "SearchDocuments" d
                WHERE d."RankVector" @@ to_tsquery('english', @tsq) AND d."ArticleId" <> @exclude
                ORDER BY d."ArticleId" DESC
                LIMIT {SearchText.MaxRankedSimilar}) c
            ORDER BY "Rank" DESC
            LIMIT @take
            """,
            new NpgsqlParameter("tsq", tsquery), new NpgsqlParameter("exclude", excludeArticleId), new NpgsqlParameter("take", limit))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.ArticleId, r.Rank))];
    }

    public async Task<IReadOnlyList<string>> NearNamesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var words = SearchText.Terms(text);
        var cleaned = string.Join(' ', words);
        if (cleaned.Length < 3)
        {
            return [];
        }

        // A name inside a longer query ("best stanger things films") is found by comparing it with
        // runs of the query's words, each through the trigram index ("Name" % run). The old
        // "Name" <% query (word similarity) cannot use that index and compared every name, row by row.
        // Each run is its own lateral lookup: written as "Name" % ANY(runs) the planner prices
        // similarity() as free and scans every name (40-50 ms over 6,600 names), unless sequential
        // scans are switched off, which took a transaction and four round trips.
        var runs = Runs(words).Append(cleaned).Distinct(StringComparer.Ordinal).ToArray();
        var candidates = await db.Database.SqlQueryRaw<string>(
            """
            SELECT n."Name" AS "Value"
            FROM (SELECT DISTINCT s."Name"
                  FROM unnest(@runs) AS r(run)
                  CROSS JOIN LATERAL (SELECT "Name" FROM "SearchNames" WHERE "Name" % r.run) s) n
            ORDER BY greatest(similarity(n."Name", @text), word_similarity(n."Name", @text)) DESC
            LIMIT 50
            """,
            new NpgsqlParameter("runs", runs), new NpgsqlParameter("text", cleaned))
            .ToListAsync(cancellationToken);
        return NameMatching.Best(text, candidates, limit);
    }

    /// <summary>Runs of one to four consecutive words (names are that long); single words of under five letters match too much to help.</summary>
    private static IEnumerable<string> Runs(IReadOnlyList<string> words)
    {
        for (var size = 1; size <= Math.Min(4, words.Count); size++)
        {
            for (var start = 0; start + size <= words.Count; start++)
            {
                if (size > 1 || words[start].Length >= 5)
                {
                    yield return string.Join(' ', words.Skip(start).Take(size));
                }
            }
        }
    }

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

internal sealed class TieredHitRow
{
    public int ArticleId { get; init; }
    public double Rank { get; init; }
    public string? Snippet { get; init; }

    /// <summary>How many documents the first tier ranked (title, names or dek match), at most <see cref="SearchText.MaxRanked"/>.</summary>
    public int Ranked { get; init; }
}
