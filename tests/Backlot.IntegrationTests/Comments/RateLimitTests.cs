using System.Net;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Comments;

/// <summary>A site that allows two comments a minute from one address.</summary>
public sealed class StrictCommentLimitFactory : BacklotFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Comments:PostsPerMinute"] = "2" };
}

public sealed class RateLimitTests(StrictCommentLimitFactory site) : IClassFixture<StrictCommentLimitFactory>
{
    [Fact]
    public async Task A_client_posting_too_fast_gets_429_with_retry_after_while_others_still_post()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var flooder = Commenter.Create(site, "192.0.2.10");
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await flooder.PostAsync(articleId, Commenter.Fields("Flood", "flood@example.test", $"Message {i} {Guid.NewGuid():N}"));
            Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        }

        var before = await CommentData.CountAsync(site);
        using var refused = await flooder.PostAsync(articleId, Commenter.Fields("Flood", "flood@example.test", $"One too many {Guid.NewGuid():N}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to try again");
        Assert.Equal(before, await CommentData.CountAsync(site));

        using var other = await Commenter.Create(site, "192.0.2.11").PostAsync(articleId, Commenter.Fields("Calm", "calm@example.test", $"Just one {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }
}
