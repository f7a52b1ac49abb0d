using System.Text.Json;
using System.Text.RegularExpressions;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>
/// Every XSS payload, typed into every field that reaches a feed, read back by a feed parser we did
/// not write: text fields come out as the text typed, HTML fields carry nothing that runs.
/// </summary>
public sealed partial class FeedPayloadTests(PayloadSiteFactory site) : IClassFixture<PayloadSiteFactory>
{
    private readonly HttpClient client = site.CreateClient();

    [Theory]
    [InlineData("/feed")]
    [InlineData("/feed/atom")]
    [InlineData("/feed/category/{category}")]
    [InlineData("/feed/category/{category}/atom")]
    [InlineData("/feed/author/{author}")]
    [InlineData("/feed/work/{work}/atom")]
    public async Task Rss_and_atom_feeds_read_by_a_feed_parser_carry_payloads_as_text_and_no_executable_markup(string route)
    {
        var articles = await site.ArticlesAsync();
        var path = route.Replace("{category}", site.CategorySlug, StringComparison.Ordinal).Replace("{author}", site.AuthorSlug, StringComparison.Ordinal).Replace("{work}", site.WorkSlug, StringComparison.Ordinal);
        var xml = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        using var parsed = await NodeFeedParser.ParseAsync(xml);
        var feed = parsed.RootElement;
        AssertRunsNothing(feed.GetProperty("title").GetString(), $"{path} title");
        if (path is "/feed" or "/feed/atom")
        {
            AssertHtmlShowsText(PayloadSiteFactory.Tagline, feed.GetProperty("description").GetString(), $"{path} description");
        }

        var byUrl = articles.ToDictionary(a => "http://localhost" + a.Path);
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        var checkedItems = 0;
        foreach (var item in items)
        {
            var url = item.GetProperty("link").GetString()!;
            AssertRunsNothing(item.GetProperty("title").GetString(), $"{url} title"); // feedparser strips tags from titles: nothing may be left to run
            AssertRunsNothing(item.GetProperty("description").GetString(), $"{url} content");
            AssertRunsNothing(item.GetProperty("summary").GetString(), $"{url} summary");
            if (!byUrl.TryGetValue(url, out var article))
            {
                continue;
            }

            checkedItems++;
            if (path.EndsWith("/atom", StringComparison.Ordinal))
            {
                AssertHtmlShowsText(article.Payload, item.GetProperty("title").GetString(), $"{path} {url} title"); // type="html", encoded: reads as typed
            }

            AssertHtmlShowsText(article.Payload, item.GetProperty("summary").GetString(), $"{path} {url} summary");
            if (item.GetProperty("author").GetString() is not null || path.EndsWith("/atom", StringComparison.Ordinal))
            {
                Assert.Equal(PayloadSiteFactory.AuthorName, item.GetProperty("author").GetString()); // text, as typed
            }
            var categories = item.GetProperty("categories").EnumerateArray().Select(c => Normalized(c.GetString())).ToList();
            Assert.Contains(Normalized(PayloadSiteFactory.CategoryName), categories);
            Assert.Contains(Normalized(article.Payload), categories);

            // The listicle's item reaches the content: its heading shown as the text typed.
            var content = Html.Parse("<!doctype html><body>" + item.GetProperty("description").GetString());
            Assert.Contains(content.QuerySelectorAll("li h2"), h => Normalized(h.TextContent) == Normalized(article.Payload));
        }

        Assert.Equal(articles.Count, checkedItems);
    }

    [Fact]
    public async Task The_json_feed_carries_payloads_as_text_and_its_html_runs_nothing()
    {
        var articles = await site.ArticlesAsync();
        var json = await client.GetStringAsync(new Uri("/feed.json", UriKind.Relative), TestContext.Current.CancellationToken);

        using var parsed = JsonDocument.Parse(json);
        var feed = parsed.RootElement;
        Assert.Equal(PayloadSiteFactory.SiteTitle, feed.GetProperty("title").GetString());
        Assert.Equal(PayloadSiteFactory.Tagline, feed.GetProperty("description").GetString());
        var byUrl = articles.ToDictionary(a => "http://localhost" + a.Path);
        var checkedItems = 0;
        foreach (var item in feed.GetProperty("items").EnumerateArray())
        {
            AssertRunsNothing(item.GetProperty("content_html").GetString(), "content_html");
            if (!byUrl.TryGetValue(item.GetProperty("url").GetString()!, out var article))
            {
                continue;
            }

            checkedItems++;
            Assert.Equal(article.Payload, item.GetProperty("title").GetString());
            Assert.Equal(article.Payload, item.GetProperty("summary").GetString());
            Assert.Equal(PayloadSiteFactory.AuthorName, item.GetProperty("authors")[0].GetProperty("name").GetString());
            Assert.Contains(article.Payload, item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        }

        Assert.Equal(articles.Count, checkedItems);
    }

    private static void AssertRunsNothing(string? html, string where)
    {
        var runnable = ExecutableMarkup.InFragment(html);
        Assert.True(runnable.Count == 0, $"{where}: {string.Join(" | ", runnable)} in {html}");
    }

    /// <summary>An HTML field (RSS description, Atom summary) that a reader renders: nothing runs, and it reads as what was typed.</summary>
    private static void AssertHtmlShowsText(string typed, string? html, string where)
    {
        AssertRunsNothing(html, where);
        var shown = Html.Parse("<!doctype html><body>" + html).Body!;
        Assert.Empty(shown.Children);
        Assert.Equal(Normalized(typed), Normalized(shown.TextContent));
    }

    private static string Normalized(string? text) => Whitespace().Replace(text ?? "", " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
