namespace Backlot.Features.Discovery;

/// <summary>What an article and a candidate have in common, gathered before scoring.</summary>
public sealed record RelatedCandidate(int ArticleId, DateTime PublishedAt, int SharedWorks, int SharedPeople, int SharedTags, bool SameCategory, double TextScore);

/// <summary>
/// The "Check Also" ranking: shared works and people weigh most, then tags, category and text
/// likeness (BM25 from the search index, scaled to the best candidate), all times a gentle
/// recency factor that never drops below 0.6, so an old story that fits well still wins.
/// </summary>
public static class RelatedScoring
{
    public const double WorkWeight = 3.0;
    public const double PersonWeight = 2.5;
    public const double TagWeight = 1.0;
    public const double CategoryWeight = 0.5;
    public const double TextWeight = 2.0;
    public const double RecencyHalfLifeDays = 120;

    public static double Score(RelatedCandidate candidate, double bestTextScore, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var text = bestTextScore > 0 ? Math.Clamp(candidate.TextScore / bestTextScore, 0, 1) : 0;
        var affinity = LinkAffinity(candidate.SharedWorks, candidate.SharedPeople, candidate.SharedTags, candidate.SameCategory) + (TextWeight * text);
        return affinity * Recency(candidate.PublishedAt, now);
    }

    /// <summary>The part of the score before recency that comes from shared works, people, tags and section (the rest is text likeness).</summary>
    public static double LinkAffinity(int sharedWorks, int sharedPeople, int sharedTags, bool sameCategory) =>
        (WorkWeight * Math.Min(sharedWorks, 3))
        + (PersonWeight * Math.Min(sharedPeople, 3))
        + (TagWeight * Math.Min(sharedTags, 4))
        + (sameCategory ? CategoryWeight : 0);

    /// <summary>The recency factor: 1 for a story published now, halving its distance to 0.6 every <see cref="RecencyHalfLifeDays"/>.</summary>
    public static double Recency(DateTime publishedAt, DateTime now) =>
        0.6 + (0.4 * Math.Pow(0.5, Math.Max(0, (now - publishedAt).TotalDays) / RecencyHalfLifeDays));

    /// <summary>The best <paramref name="count"/> by score, newest first among equals.</summary>
    public static IReadOnlyList<(int ArticleId, double Score)> Rank(IEnumerable<RelatedCandidate> candidates, DateTime now, int count)
    {
        var list = candidates.ToList();
        var bestText = list.Count == 0 ? 0 : list.Max(c => c.TextScore);
        return [.. list
            .Select(c => (c, score: Score(c, bestText, now)))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score).ThenByDescending(x => x.c.PublishedAt).ThenByDescending(x => x.c.ArticleId)
            .Take(count)
            .Select(x => (x.c.ArticleId, x.score))];
    }
}
