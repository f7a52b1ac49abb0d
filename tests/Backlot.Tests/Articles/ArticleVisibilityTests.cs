using Backlot.Features.Articles;

namespace Backlot.Tests.Articles;

public sealed class ArticleVisibilityTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ArticleStatus.Published, -1, true)]
    [InlineData(ArticleStatus.Published, 1, false)]
    [InlineData(ArticleStatus.Scheduled, 1, false)]
    [InlineData(ArticleStatus.Scheduled, -1, true)]
    [InlineData(ArticleStatus.Draft, -1, false)]
    [InlineData(ArticleStatus.Archived, -1, false)]
    public void Readers_see_published_articles_and_scheduled_ones_once_due(ArticleStatus status, int hoursFromNow, bool visible)
    {
        var article = new Article { Slug = "s", Title = "t", Status = status, PublishedAt = Now.AddHours(hoursFromNow) };

        Assert.Equal(visible, article.IsPublicAt(Now));
        Assert.Equal(visible, ArticleVisibility.PublicAt(Now).Compile()(article));
        Assert.Equal(visible, ArticleVisibility.Inline<Func<Article, DateTime, bool>>((a, now) => ArticleVisibility.IsPublic(a, now)).Compile()(article, Now));
    }

    [Fact]
    public void The_marker_for_the_rule_refuses_to_run_outside_an_inlined_query()
    {
        var article = new Article { Slug = "s", Title = "t", Status = ArticleStatus.Published, PublishedAt = Now };

        Assert.Throws<InvalidOperationException>(() => ArticleVisibility.IsPublic(article, Now));
    }

    [Fact]
    public void A_published_article_without_a_publish_time_stays_hidden()
    {
        var article = new Article { Slug = "s", Title = "t", Status = ArticleStatus.Published, PublishedAt = null };

        Assert.False(article.IsPublicAt(Now));
    }
}
