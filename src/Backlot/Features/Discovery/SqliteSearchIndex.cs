using System.Text.Json;
using Backlot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Search on SQLite: the FTS5 table "SearchText" (unicode61, diacritics folded, prefix indexes)
/// and the trigram table "SearchNameTrigrams", both kept in step with their tables by triggers.
/// </summary>
internal sealed class SqliteSearchIndex(BacklotDb db, TimeProvider clock) : ISearchIndex
{
    // bm25 weights per column: Title, Dek, Text, Names.
    private const string Bm25 = "bm25(\"SearchText\", 10.0, 4.0, 1.0, 6.0)";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var terms = SearchText.Terms(request.Query);
        if (terms.Count == 0)
        {
            return new SearchResults([], 0, null);
        }

        var match = string.Join(' ', terms.Select(Quote));
        var results = await RunAsync(match, request, cancellationToken);
        if (results.Total > 0)
        {
            return results;
        }

        var names = await NearNamesAsync(request.Query, 3, cancellationToken);
        if (names.Count == 0)
        {
            return results;
        }

        var corrected = string.Join(" OR ", names.Select(n => Quote(string.Join(' ', SearchText.Terms(n)))));
        return await RunAsync(corrected, request, cancellationToken) with { CorrectedQuery = names[0] };
    }

    private async Task<SearchResults> RunAsync(string match, SearchRequest request, CancellationToken cancellationToken)
    {
        // The filters read the narrow covering index, never the documents' wide rows (see SearchDocumentConfiguration.FilterIndex).
        const string From = $"""
            FROM "SearchText" JOIN "SearchDocuments" d INDEXED BY "{SearchDocumentConfiguration.FilterIndex}" ON d."ArticleId" = "SearchText".rowid
            """;
        const string Filters = """
            AND d."PublishedAt" <= $now AND ($category IS NULL OR d."CategoryId" = $category) AND ($kind IS NULL OR d."Kind" = $kind)
            """;
        // Counting stops at SearchText.MaxCounted: nobody pages past it, and counting every match of a common word costs more than the search.
        var total = await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM (SELECT 1 {From} WHERE \"SearchText\" MATCH $match {Filters} LIMIT {SearchText.MaxCounted})", Parameters(match, request)).SingleAsync(cancellationToken);
        if (total == 0)
        {
            return new SearchResults([], 0, null);
        }

        var page = Math.Max(1, request.Page);
        var rows = await db.Database.SqlQueryRaw<HitRow>(
            $"""
            SELECT p."ArticleId" AS "ArticleId", p."Rank" AS "Rank",
                   snippet("SearchText", -1, char(2), char(3), '…', 24) AS "Snippet"
            FROM (
                SELECT d."ArticleId" AS "ArticleId", {Bm25} AS "Rank", d."PublishedAt" AS "PublishedAt"
                {From}
                WHERE "SearchText" MATCH $match AND "SearchText".rowid >= {RankingFloor} {Filters}
                ORDER BY "Rank", d."PublishedAt" DESC
                LIMIT $take OFFSET $skip) p
            JOIN "SearchText" ON "SearchText".rowid = p."ArticleId"
            WHERE "SearchText" MATCH $match
            ORDER BY p."Rank", p."PublishedAt" DESC
            """,
            [.. Parameters(match, request), new SqliteParameter("$take", request.PageSize), new SqliteParameter("$skip", (page - 1L) * request.PageSize)])
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

        var match = "{Title Names} : (" + string.Join(' ', terms.Select((t, i) => i == terms.Count - 1 ? Quote(t) + "*" : Quote(t))) + ")";
        // Newest first, in the index's own order: ranking every title that starts with two letters would cost more than it helps.
        var rows = await db.Database.SqlQueryRaw<SuggestionRow>(
            """
            SELECT d."ArticleId" AS "ArticleId", d."Title" AS "Title"
            FROM "SearchText" JOIN "SearchDocuments" d ON d."ArticleId" = "SearchText".rowid
            WHERE "SearchText" MATCH $match AND d."PublishedAt" <= $now
            ORDER BY "SearchText".rowid DESC
            LIMIT $take
            """,
            new SqliteParameter("$match", match), new SqliteParameter("$now", Now), new SqliteParameter("$take", limit))
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

        var match = string.Join(" OR ", terms.Select(Quote));
        var rows = await db.Database.SqlQueryRaw<HitRow>(
            $"""
            SELECT "SearchText".rowid AS "ArticleId", {Bm25} AS "Rank", NULL AS "Snippet"
            FROM "SearchText"
            WHERE "SearchText" MATCH $match AND "SearchText".rowid <> $exclude AND "SearchText".rowid >= {RankingFloor}
            ORDER BY "Rank"
            LIMIT $take
            """,
            new SqliteParameter("$match", match), new SqliteParameter("$exclude", excludeArticleId), new SqliteParameter("$take", limit), new SqliteParameter("$rankedOffset", SearchText.MaxRankedSimilar - 1))
            .ToListAsync(cancellationToken);

        // FTS5's bm25 is negative, more negative for better matches.
        return [.. rows.Select(r => (r.ArticleId, -r.Rank))];
    }

    public async Task<IReadOnlyList<string>> NearNamesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var trigrams = SearchText.Trigrams(SearchText.Clean(text)).Where(t => !t.Contains(' ', StringComparison.Ordinal)).Take(60).ToList();
        if (trigrams.Count == 0)
        {
            return [];
        }

        // Only the rarest trigrams that exist: ranking every name that shares a common one ("man",
        // "ter") cost more than the search. The trigrams a typo breaks mostly exist nowhere, and the
        // intended name holds most of the rest; NameMatching then scores the candidates on all trigrams.
        var rarest = await db.Database.SqlQueryRaw<string>(
            $"""
            SELECT v."term" AS "Value" FROM json_each($trigrams) j JOIN "SearchNameTrigramTerms" v ON v."term" = j.value
            ORDER BY v."doc" LIMIT {RarestTrigrams}
            """,
            new SqliteParameter("$trigrams", JsonSerializer.Serialize(trigrams)))
            .ToListAsync(cancellationToken);
        if (rarest.Count == 0)
        {
            return [];
        }

        var candidates = await db.Database.SqlQueryRaw<string>(
            """
            SELECT "Name" AS "Value" FROM "SearchNameTrigrams"
            WHERE "SearchNameTrigrams" MATCH $match
            ORDER BY rank
            LIMIT 50
            """,
            new SqliteParameter("$match", string.Join(" OR ", rarest.Select(Quote))))
            .ToListAsync(cancellationToken);
        return NameMatching.Best(text, candidates, limit);
    }

    /// <summary>Trigrams of a misspelt name searched for: enough to find a name with a letter or two wrong.</summary>
    private const int RarestTrigrams = 8;

    /// <summary>
    /// The lowest article id worth ranking, as a scalar subquery over $match: the
    /// <see cref="SearchText.MaxRanked"/>th newest match ($rankedOffset + 1), or 0 when there are fewer. Reading ids in
    /// order costs little; bm25 over every match of a common word does not, so a broad query is
    /// ranked among its newest matches. FTS5 takes the bound as a rowid range, evaluated once.
    /// </summary>
    private const string RankingFloor = """
        coalesce((SELECT rowid FROM "SearchText" WHERE "SearchText" MATCH $match ORDER BY rowid DESC LIMIT 1 OFFSET $rankedOffset), 0)
        """;

    private object[] Parameters(string match, SearchRequest request) =>
    [
        new SqliteParameter("$match", match),
        new SqliteParameter("$rankedOffset", SearchText.MaxRanked - 1),
        new SqliteParameter("$now", Now),
        new SqliteParameter("$category", (object?)request.CategoryId ?? DBNull.Value),
        new SqliteParameter("$kind", request.Kind is { } kind ? (int)kind : DBNull.Value),
    ];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An FTS5 string: terms hold only letters and digits, but quotes are doubled all the same.</summary>
    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

internal sealed class HitRow
{
    public int ArticleId { get; init; }
    public double Rank { get; init; }
    public string? Snippet { get; init; }
}

internal sealed class SuggestionRow
{
    public int ArticleId { get; init; }
    public string Title { get; init; } = "";
}

/// <summary>Picks the names closest to what was typed, comparing each name with runs of as many words in the query.</summary>
internal static class NameMatching
{
    public const double Threshold = 0.35;

    public static IReadOnlyList<string> Best(string typed, IEnumerable<string> candidates, int limit)
    {
        var words = SearchText.Terms(typed);
        return [.. candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => (name, score: Score(words, name)))
            .Where(x => x.score >= Threshold)
            .OrderByDescending(x => x.score).ThenBy(x => x.name, StringComparer.Ordinal)
            .Take(limit)
            .Select(x => x.name)];
    }

    private static double Score(IReadOnlyList<string> words, string name)
    {
        var size = Math.Max(1, SearchText.Terms(name).Count);
        var best = 0.0;
        for (var start = 0; start < Math.Max(1, words.Count - size + 1); start++)
        {
            var window = string.Join(' ', words.Skip(start).Take(size));
            best = Math.Max(best, SearchText.Similarity(window, name));
        }

        return best;
    }
}
