using Backlot.Features.Articles;

namespace Backlot.Features.Discovery;

/// <summary>What a reader asked for: words, optional filters, a 1-based page.</summary>
public sealed record SearchRequest(string Query, int? CategoryId = null, ArticleKind? Kind = null, int Page = 1, int PageSize = 10);

/// <summary>One matching article: its id, the relevance rank (lower is better) and a snippet with marks (<see cref="SearchText.MarkStart"/>).</summary>
public sealed record SearchHit(int ArticleId, double Rank, string Snippet);

/// <param name="CorrectedQuery">Set when nothing matched as typed and near names of works or people were searched instead.</param>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, string? CorrectedQuery);

/// <summary>A title for as-you-type suggestions.</summary>
public sealed record SearchSuggestion(int ArticleId, string Title);

/// <summary>
/// Full-text search over public articles: SQLite FTS5 or PostgreSQL tsvector, chosen with the
/// database provider. Implementations never pass reader input to the database as query syntax.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Ranked by relevance, newest first among equals; only articles whose publish time has come.</summary>
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    /// <summary>Titles whose words start with what was typed, for the header search box.</summary>
    Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Articles whose text is most like the given words, with a BM25-style score (higher is more alike):
    /// the text part of related stories.
    /// </summary>
    Task<IReadOnlyList<(int ArticleId, double Score)>> SimilarAsync(IReadOnlyList<string> terms, int excludeArticleId, int limit, CancellationToken cancellationToken);

    /// <summary>Names of works and people near the given text ("Intersteller" → "Interstellar"), best first.</summary>
    Task<IReadOnlyList<string>> NearNamesAsync(string text, int limit, CancellationToken cancellationToken);
}
