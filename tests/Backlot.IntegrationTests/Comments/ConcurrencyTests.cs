using System.Net;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Comments;

public sealed class ConcurrencyTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task Two_hundred_comments_posted_at_once_by_different_readers_are_all_stored_exactly_once()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var run = Guid.NewGuid().ToString("N")[..8];
        var readers = Enumerable.Range(0, 200).Select(i => (Commenter: Commenter.Create(site, $"198.18.{i / 250}.{(i % 250) + 1}"), Index: i)).ToList();
        var states = await Task.WhenAll(readers.Select(r => r.Commenter.FormStateAsync(articleId)));
        site.Clock.Advance(TimeSpan.FromSeconds(5));

        var responses = await Task.WhenAll(readers.Select(async r =>
        {
            var state = states[r.Index];
            var form = new Dictionary<string, string>
            {
                [state.GetProperty("tokenField").GetString()!] = state.GetProperty("token").GetString()!,
                ["stamp"] = state.GetProperty("stamp").GetString()!,
                ["name"] = $"Reader {r.Index}",
                ["email"] = $"reader-{r.Index}-{run}@example.test",
                ["text"] = $"Comment {r.Index} of run {run}",
            };
            using var response = await r.Commenter.SendAsync(articleId, new FormUrlEncodedContent(form));
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.Created, status));
        var stored = await CommentData.CommentsAsync(site, q => q.Where(c => c.Body.EndsWith($"of run {run}")));
        Assert.Equal(200, stored.Count);
        Assert.Equal(200, stored.Select(c => c.Body).Distinct().Count());
    }
}
