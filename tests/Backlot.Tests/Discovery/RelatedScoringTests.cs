using Backlot.Features.Discovery;

namespace Backlot.Tests.Discovery;

public sealed class RelatedScoringTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_shared_work_outweighs_shared_tags_and_category()
    {
        var work = new RelatedCandidate(1, Now, SharedWorks: 1, SharedPeople: 0, SharedTags: 0, SameCategory: false, TextScore: 0);
        var tags = new RelatedCandidate(2, Now, SharedWorks: 0, SharedPeople: 0, SharedTags: 2, SameCategory: true, TextScore: 0);

        Assert.Equal([1, 2], RelatedScoring.Rank([tags, work], Now, 5).Select(r => r.ArticleId));
    }

    [Fact]
    public void Recency_is_a_gentle_preference_not_a_cliff()
    {
        var fresh = new RelatedCandidate(1, Now.AddDays(-1), 0, 0, 1, false, 0);
        var old = new RelatedCandidate(2, Now.AddYears(-5), 1, 1, 1, false, 0);

        Assert.Equal(2, RelatedScoring.Rank([fresh, old], Now, 5)[0].ArticleId);
        Assert.True(RelatedScoring.Score(old with { PublishedAt = Now }, 0, Now) > RelatedScoring.Score(old, 0, Now));
        Assert.True(RelatedScoring.Score(old, 0, Now) >= 0.6 * RelatedScoring.Score(old with { PublishedAt = Now }, 0, Now));
    }

    [Fact]
    public void Text_likeness_is_scaled_to_the_best_candidate()
    {
        var best = new RelatedCandidate(1, Now, 0, 0, 0, false, TextScore: 12);
        var half = new RelatedCandidate(2, Now, 0, 0, 0, false, TextScore: 6);

        var ranked = RelatedScoring.Rank([half, best], Now, 5);
        Assert.Equal(RelatedScoring.TextWeight, ranked[0].Score, 6);
        Assert.Equal(RelatedScoring.TextWeight / 2, ranked[1].Score, 6);
    }

    [Fact]
    public void Candidates_with_nothing_in_common_are_left_out()
    {
        Assert.Empty(RelatedScoring.Rank([new RelatedCandidate(1, Now, 0, 0, 0, false, 0)], Now, 5));
    }
}
