using System.Net;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Comments;

public sealed class LiveStreamTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reader_on_the_page_receives_a_comment_the_moment_it_is_approved()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        using var response = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Live Reader", "live@example.test", $"Seen live {Guid.NewGuid():N}"));
        var commentId = await CommentData.IdOfAsync(response);
        await using var stream = await EventStream.OpenAsync(site.CreateClient(), $"/articles/{articleId}/comments/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);

        await CommentData.ApproveAsync(site, commentId);

        var received = await stream.NextAsync(e => e.Type == "comment");
        Assert.Contains($"\"id\":{commentId}", received.Data, StringComparison.Ordinal);
        Assert.Contains("Seen live", received.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("live@example.test", received.Data, StringComparison.Ordinal);
        Assert.NotNull(CommentEventMarker.Parse(received.Id));
    }

    [Fact]
    public async Task A_reconnecting_reader_gets_what_was_approved_while_it_was_away()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var first = await CommentData.TrustAsync(site, articleId, "away-1@example.test");
        string lastSeen;
        await using (var stream = await EventStream.OpenAsync(site.CreateClient(), $"/articles/{articleId}/comments/events"))
        {
            await stream.NextAsync();
            await CommentData.ApproveAsync(site, (await NewPendingAsync(articleId, "away-2@example.test", "Before the drop")));
            lastSeen = (await stream.NextAsync(e => e.Type == "comment")).Id!;
        }

        var missed = new[] { await NewPendingAsync(articleId, "away-3@example.test", "Missed one"), await NewPendingAsync(articleId, "away-4@example.test", "Missed two") };
        await CommentData.ApproveAsync(site, missed);

        var client = site.CreateClient();
        client.DefaultRequestHeaders.Add("Last-Event-ID", lastSeen);
        await using var again = await EventStream.OpenAsync(client, $"/articles/{articleId}/comments/events");
        await again.NextAsync(e => e.Type == "ready");
        var replayed = new[] { await again.NextAsync(e => e.Type == "comment"), await again.NextAsync(e => e.Type == "comment") };
        Assert.Contains("Missed one", replayed[0].Data, StringComparison.Ordinal);
        Assert.Contains("Missed two", replayed[1].Data, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"id\":{first},", replayed[0].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taking_a_comment_down_tells_readers_to_remove_it()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var id = await CommentData.TrustAsync(site, articleId, "removed@example.test");
        await using var stream = await EventStream.OpenAsync(site.CreateClient(), $"/articles/{articleId}/comments/events");
        await stream.NextAsync();

        await using (var scope = site.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<CommentModeration>().SetStatusAsync([id], CommentStatus.Trash, Cancel);
        }

        var removed = await stream.NextAsync(e => e.Type == "removed");
        Assert.Equal($"{{\"id\":{id}}}", removed.Data);
    }

    [Fact]
    public async Task The_stream_of_an_unknown_article_is_404()
    {
        using var response = await site.CreateClient().GetAsync("/articles/999999/comments/events", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> NewPendingAsync(int articleId, string email, string text)
    {
        using var response = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Away", email, $"{text} {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await CommentData.IdOfAsync(response);
    }
}

/// <summary>A Server-Sent Events reader over HttpClient: one event at a time, each with its type, id and data.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public sealed record Event(string Type, string? Id, string Data);

    public static async Task<EventStream> OpenAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    public async Task<Event> NextAsync(Func<Event, bool>? wanted = null)
    {
        while (true)
        {
            string type = "message", data = "";
            string? id = null;
            string? line;
            while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && line.Length > 0)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data += line[6..];
            }

            if (line is null)
            {
                throw new EndOfStreamException("the event stream ended");
            }

            var received = new Event(type, id, data);
            if (wanted is null || wanted(received))
            {
                return received;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await timeout.CancelAsync();
        timeout.Dispose();
        reader.Dispose();
        response.Dispose();
    }
}
