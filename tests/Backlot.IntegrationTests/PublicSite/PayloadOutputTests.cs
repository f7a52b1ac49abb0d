using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Backlot.IntegrationTests.Comments;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

/// <summary>
/// Every XSS payload typed into every field an editor controls, through the pages (article, lists,
/// search), the JSON-LD in them, the search suggestions and the live comment stream: parsed as a
/// browser parses them, nothing runs.
/// </summary>
public sealed class PayloadOutputTests(PayloadSiteFactory site) : IClassFixture<PayloadSiteFactory>
{
    private readonly HttpClient client = site.CreateClient();

    [Fact]
    public async Task Every_payload_article_page_shows_the_payloads_as_text_and_runs_nothing()
    {
        foreach (var article in await site.ArticlesAsync())
        {
            var page = await client.GetDocumentAsync(article.Path);

            AssertNothingRuns(page, article.Path);
            Assert.Equal(article.Payload.Trim(), page.QuerySelector("h1")!.Text());
            Assert.Contains(article.Payload.Trim(), page.Title, StringComparison.Ordinal); // no </title> breakout
            Assert.Equal(article.Payload, page.QuerySelector("meta[name=description]")?.GetAttribute("content"));
            Assert.Contains(page.QuerySelectorAll("h2"), h => h.Text().EndsWith(article.Payload.Trim(), StringComparison.Ordinal)); // "1. " and the list item's heading
            var headline = StructuredData(page, article.Path).SelectMany(Strings).ToList();
            Assert.Contains(article.Payload, headline); // JSON-LD parsed whole: no </script> breakout cut it short
        }
    }

    [Fact]
    public async Task Lists_of_payload_articles_run_nothing()
    {
        var articles = await site.ArticlesAsync();
        var paths = new List<string>
        {
            "/", "/" + site.CategorySlug, "/author/" + site.AuthorSlug, "/work/" + site.WorkSlug, "/person/" + site.PersonSlug,
            "/search?q=alert", "/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"),
        };
        paths.AddRange(articles.Take(10).Select(a => "/tag/" + a.TagSlug));
        foreach (var path in paths)
        {
            var page = await client.GetDocumentAsync(path);

            AssertNothingRuns(page, path);
            _ = StructuredData(page, path);
        }
    }

    [Fact]
    public async Task Search_suggestions_carry_payload_titles_as_json_text()
    {
        var articles = await site.ArticlesAsync();
        using var response = await client.GetAsync(new Uri("/search/suggest?q=alert", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var suggestions = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("suggestions").EnumerateArray().ToList();
        Assert.NotEmpty(suggestions);
        var payloads = articles.ToDictionary(a => a.Path, a => a.Payload.Trim());
        Assert.All(suggestions, s =>
        {
            if (payloads.TryGetValue(s.GetProperty("url").GetString()!, out var payload))
            {
                Assert.Equal(payload, s.GetProperty("title").GetString());
            }
        });
        Assert.Contains(suggestions, s => payloads.ContainsKey(s.GetProperty("url").GetString()!));
    }

    [Fact]
    public async Task The_comment_stream_carries_payload_comments_as_html_that_runs_nothing()
    {
        var article = (await site.ArticlesAsync())[0];
        const string email = "payload-reader@example.test";
        await CommentData.TrustAsync(site, article.Id, email);
        await using var stream = await EventStream.OpenAsync(site.CreateClient(), $"/articles/{article.Id}/comments/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);
        var commenter = Commenter.Create(site);
        foreach (var payload in XssPayloads.All)
        {
            using var posted = await commenter.PostAsync(article.Id, Commenter.Fields(payload.Length > 100 ? payload[..100] : payload, email, payload));
            Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);

            var received = await stream.NextAsync(e => e.Type == "comment");
            using var data = JsonDocument.Parse(received.Data);
            var html = data.RootElement.GetProperty("html").GetString();
            var runnable = ExecutableMarkup.InFragment(html);
            Assert.True(runnable.Count == 0, $"{payload}: {string.Join(" | ", runnable)}");
            Assert.Contains(payload, Html.Parse("<!doctype html><body>" + html).Body!.TextContent, StringComparison.Ordinal);
        }

        AssertNothingRuns(await client.GetDocumentAsync(article.Path), article.Path); // the page with its comments and comment form
    }

    private static void AssertNothingRuns(IDocument page, string path)
    {
        var runnable = ExecutableMarkup.In(page.DocumentElement, allowOwnScripts: true);
        Assert.True(runnable.Count == 0, $"{path}: {string.Join(" | ", runnable)}");
    }

    /// <summary>Every JSON-LD block of the page, each parsed whole as JSON (a &lt;/script&gt; breakout leaves broken JSON behind).</summary>
    private static List<JsonElement> StructuredData(IDocument page, string path)
    {
        var blocks = page.QuerySelectorAll("script[type='application/ld+json']").ToList();
        var parsed = new List<JsonElement>();
        foreach (var block in blocks)
        {
            try
            {
                using var json = JsonDocument.Parse(block.TextContent);
                parsed.Add(json.RootElement.Clone());
            }
            catch (JsonException e)
            {
                Assert.Fail($"{path}: JSON-LD block does not parse ({e.Message}): {block.TextContent[..Math.Min(200, block.TextContent.Length)]}");
            }
        }

        return parsed;
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };
}
