using System.Text.Json;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>Every JSON-LD block on the public pages parses, and articles carry what Google's article rich results read.</summary>
public sealed class StructuredDataTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static readonly string[] PublicPages =
    [
        "/", "/movies", "/tv", "/news", "/tag/christopher-nolan", "/work/interstellar", "/person/christopher-nolan", "/author/maya-okafor",
        "/movies/christopher-nolan-films-with-practical-effects", "/movies/why-the-shinings-hotel-still-confuses-fans",
        "/tv/how-to-watch-parks-and-recreation-in-order", "/news/welcome-to-backlot", "/search?q=nolan",
    ];

    private readonly HttpClient client = site.CreateClient();

    [Fact]
    public async Task Every_json_ld_block_on_the_public_pages_parses_and_names_its_schema_org_type()
    {
        foreach (var path in PublicPages)
        {
            foreach (var block in await BlocksAsync(path))
            {
                Assert.Equal("https://schema.org", block.GetProperty("@context").GetString());
                Assert.False(string.IsNullOrEmpty(block.GetProperty("@type").GetString()), path);
            }
        }
    }

    [Fact]
    public async Task Every_article_has_the_fields_google_requires_for_articles()
    {
        foreach (var path in PublicPages.Where(p => p.Count(c => c == '/') == 2 && !p.StartsWith("/tag", StringComparison.Ordinal) && !p.StartsWith("/work", StringComparison.Ordinal) && !p.StartsWith("/person", StringComparison.Ordinal) && !p.StartsWith("/author", StringComparison.Ordinal)))
        {
            var article = (await BlocksAsync(path)).Single(b => b.GetProperty("@type").GetString() == "NewsArticle");

            var headline = article.GetProperty("headline").GetString()!;
            Assert.InRange(headline.Length, 1, 110);
            var images = article.GetProperty("image").EnumerateArray().Select(i => i.GetString()!).ToList();
            Assert.NotEmpty(images);
            Assert.All(images, i => Assert.True(Uri.TryCreate(i, UriKind.Absolute, out _), i));
            Assert.True(DateTimeOffset.TryParse(article.GetProperty("datePublished").GetString(), CultureInfo.InvariantCulture, out var published));
            Assert.True(DateTimeOffset.TryParse(article.GetProperty("dateModified").GetString(), CultureInfo.InvariantCulture, out var modified));
            Assert.True(modified >= published, path);
            var author = article.GetProperty("author")[0];
            Assert.Equal("Person", author.GetProperty("@type").GetString());
            Assert.False(string.IsNullOrEmpty(author.GetProperty("name").GetString()));
            Assert.True(Uri.TryCreate(author.GetProperty("url").GetString(), UriKind.Absolute, out _));
            var publisher = article.GetProperty("publisher");
            Assert.Equal("Organization", publisher.GetProperty("@type").GetString());
            Assert.False(string.IsNullOrEmpty(publisher.GetProperty("name").GetString()));
            Assert.EndsWith(path, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString(), StringComparison.Ordinal);

            var crumbs = (await BlocksAsync(path)).Single(b => b.GetProperty("@type").GetString() == "BreadcrumbList");
            var steps = crumbs.GetProperty("itemListElement").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.GetProperty("position").GetInt32()));
        }
    }

    [Fact]
    public async Task The_home_page_describes_the_site_with_a_search_action()
    {
        var website = (await BlocksAsync("/")).Single(b => b.GetProperty("@type").GetString() == "WebSite");

        var target = website.GetProperty("potentialAction").GetProperty("target").GetProperty("urlTemplate").GetString();
        Assert.Equal("http://localhost/search?q={search_term_string}", target);
    }

    [Fact]
    public async Task Articles_have_complete_open_graph_and_twitter_cards_with_an_image_at_least_1200_wide_when_the_original_allows()
    {
        var page = await client.GetDocumentAsync("/movies/why-the-shinings-hotel-still-confuses-fans");

        foreach (var property in new[] { "og:title", "og:description", "og:url", "og:image", "og:image:width", "og:image:height", "og:image:alt", "og:type", "og:site_name", "article:published_time" })
        {
            Assert.False(string.IsNullOrEmpty(page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content")), property);
        }

        foreach (var name in new[] { "twitter:card", "twitter:title", "twitter:description", "twitter:image" })
        {
            Assert.False(string.IsNullOrEmpty(page.QuerySelector($"meta[name='{name}']")?.GetAttribute("content")), name);
        }

        Assert.True(int.Parse(page.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content")!, CultureInfo.InvariantCulture) >= 1200);
    }

    private async Task<List<JsonElement>> BlocksAsync(string path)
    {
        var page = await client.GetDocumentAsync(path);
        return [.. page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement)];
    }
}
