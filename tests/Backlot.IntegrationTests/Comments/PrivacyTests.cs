using System.Net;
using System.Text.RegularExpressions;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Backlot.IntegrationTests.Comments;

public sealed partial class PrivacyTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_public_route_reveals_a_commenters_email_or_address()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        const string shownEmail = "Private.Person@Example.test", heldEmail = "held.person@example.test";
        const string shownAddress = "203.0.113.77", heldAddress = "2001:db8::7";
        var shown = Commenter.Create(site, shownAddress);
        using (var response = await shown.PostAsync(articleId, Commenter.Fields("Privacy Probe", shownEmail, "Findable words: zanzibarquokka", "https://probe.example/")))
        {
            await CommentData.ApproveAsync(site, await CommentData.IdOfAsync(response));
        }

        using (var reply = await shown.PostAsync(articleId, Commenter.Fields("Privacy Probe", shownEmail, "A second, trusted at once")))
        {
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        }

        using (var held = await Commenter.Create(site, heldAddress).PostAsync(articleId, Commenter.Fields("Held Probe", heldEmail, "Held words: zanzibarquokka")))
        {
            Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        }

        var stored = await CommentData.CommentsAsync(site, q => q.Where(c => c.AuthorName == "Privacy Probe" || c.AuthorName == "Held Probe"));
        Assert.Equal(3, stored.Count);
        var secrets = new List<string> { shownEmail, heldEmail, shownAddress, heldAddress, "2001:0db8", "203.0.113.77".Replace(".", "-", StringComparison.Ordinal) };
        secrets.AddRange(stored.Select(c => c.IpHash).Where(h => h.Length > 0).Select(h => h[..16]));

        var reader = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = false });
        var visited = new HashSet<string>();
        var queue = new Queue<string>(
        [
            "/", "/search?q=zanzibarquokka", "/search?q=privacy+probe", "/search/suggest?q=privacy", "/search/suggest?q=zanzibarquokka",
            "/feed", "/feed/atom", "/feed.json", "/sitemap.xml", "/robots.txt", "/push/vapid-public-key",
            CommentData.ListiclePath, $"{CommentData.ListiclePath}?replytocom={stored[0].Id}", $"/?p={articleId}",
            $"/articles/{articleId}/comments/form", $"/articles/{articleId}/comments", "/error/404",
        ]);
        while (queue.TryDequeue(out var path) && visited.Count < 400)
        {
            if (!visited.Add(path))
            {
                continue;
            }

            using var response = await reader.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            AssertNothingSecret(path, body + string.Join("\n", response.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}")), secrets);
            foreach (var next in LinksIn(body))
            {
                queue.Enqueue(next);
            }
        }

        Assert.Contains(CommentData.ListiclePath, visited);
        Assert.True(visited.Count > 30, $"only {visited.Count} pages were visited");

        // The live stream, replayed from the beginning, carries every approved comment.
        var client = site.CreateClient();
        client.DefaultRequestHeaders.Add("Last-Event-ID", new CommentEventMarker(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), 0).ToString());
        await using var stream = await EventStream.OpenAsync(client, $"/articles/{articleId}/comments/events");
        await stream.NextAsync(e => e.Type == "ready");
        for (var i = 0; i < 2; i++)
        {
            var change = await stream.NextAsync(e => e.Type == "comment");
            AssertNothingSecret("comment events", change.Data, secrets);
        }
    }

    private static void AssertNothingSecret(string where, string body, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} reveals {secret}");
        }
    }

    /// <summary>Same-site links in a page, feed or sitemap, without fragments; admin pages are not public.</summary>
    private static IEnumerable<string> LinksIn(string body) =>
        Link().Matches(body)
            .Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))
            .Select(url => url.StartsWith("http://localhost", StringComparison.Ordinal) ? url["http://localhost".Length..] : url)
            .Where(url => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            .Select(url => url.Split('#')[0])
            .Where(url => url.Length > 0 && !url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("/media/", StringComparison.Ordinal)
                          && !url.StartsWith("/css/", StringComparison.Ordinal) && !url.StartsWith("/js/", StringComparison.Ordinal));

    [GeneratedRegex("""(?:href|src|action)="(?<url>[^"]+)"|<loc>(?<url>[^<]+)</loc>|"url":\s*"(?<url>[^"]+)"|"id":\s*"(?<url>http[^"]+)""")]
    private static partial Regex Link();
}
