using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

public sealed class ArticlePageTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private const string ListiclePath = "/movies/behind-the-scenes-details-that-made-scenes-memorable";
    private readonly HttpClient client = site.CreateClient();

    [Fact]
    public async Task Demo_listicle_is_an_article_with_ten_numbered_items_whose_count_matches_the_title()
    {
        var page = await client.GetDocumentAsync(ListiclePath);

        var article = page.QuerySelector("main article")!;
        Assert.NotNull(article);
        var title = article.QuerySelector("h1")!.Text();
        Assert.StartsWith("10 ", title, StringComparison.Ordinal);
        var items = article.QuerySelectorAll("ol.listicle > li");
        Assert.Equal(10, items.Length);
        string[] expected = ["The Shining", "Fight Club", "The Dark Knight", "Goodfellas", "Interstellar", "Parks and Recreation", "Jane the Virgin", "How I Met Your Mother", "Glee", "Stranger Things"];
        for (var i = 0; i < items.Length; i++)
        {
            Assert.Equal($"item-{i + 1}", items[i].Id);
            Assert.Equal($"{i + 1}. {expected[i]}", items[i].QuerySelector("h2")!.Text());
        }

        var intro = article.QuerySelector(".prose")!.Text();
        Assert.Contains("10", intro, StringComparison.Ordinal);
        Assert.DoesNotContain("15", intro, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_item_has_a_responsive_figure_with_size_alt_text_and_caption_lazy_after_the_first()
    {
        var page = await client.GetDocumentAsync(ListiclePath);
        var images = page.QuerySelectorAll("main article img");

        Assert.Equal(11, images.Length); // hero and ten items
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.All(images.Skip(1), img => Assert.Equal("lazy", img.GetAttribute("loading")));
        foreach (var figure in page.QuerySelectorAll("ol.listicle figure"))
        {
            var img = figure.QuerySelector("picture > img")!;
            Assert.Contains("320w", img.GetAttribute("srcset"), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(img.GetAttribute("sizes")));
            Assert.True(int.Parse(img.GetAttribute("width")!, CultureInfo.InvariantCulture) > 0);
            Assert.True(int.Parse(img.GetAttribute("height")!, CultureInfo.InvariantCulture) > 0);
            Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
            Assert.Equal("image/webp", figure.QuerySelector("picture > source")!.GetAttribute("type"));
            Assert.False(string.IsNullOrWhiteSpace(figure.QuerySelector("figcaption")?.Text()));
        }
    }

    [Fact]
    public async Task Every_image_the_page_links_to_is_served_with_a_long_cache_lifetime()
    {
        var page = await client.GetDocumentAsync(ListiclePath);
        var urls = page.QuerySelectorAll("main img").Select(i => i.GetAttribute("src")!)
            .Concat(page.QuerySelectorAll("main source").SelectMany(s => s.GetAttribute("srcset")!.Split(", ").Select(c => c.Split(' ')[0])))
            .Distinct().ToList();

        Assert.True(urls.Count > 50);
        foreach (var url in urls.Take(12))
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Head_carries_canonical_url_social_cards_and_a_byline_time()
    {
        var page = await client.GetDocumentAsync(ListiclePath);

        Assert.EndsWith(ListiclePath, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.StartsWith("10 ", Meta(page, "og:title"), StringComparison.Ordinal);
        Assert.StartsWith("http", Meta(page, "og:image"), StringComparison.Ordinal);
        Assert.Equal("summary_large_image", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        Assert.Contains("max-image-preview:large", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
        var time = page.QuerySelector("article .byline time")!;
        Assert.True(DateTimeOffset.TryParse(time.GetAttribute("datetime"), CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task Structured_data_describes_a_news_article_and_an_item_list_of_its_ten_items()
    {
        var page = await client.GetDocumentAsync(ListiclePath);
        var documents = page.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();

        var article = documents.Single(d => d.GetProperty("@type").GetString() == "NewsArticle");
        Assert.StartsWith("10 ", article.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.True(article.GetProperty("image").GetArrayLength() > 0);
        Assert.True(DateTimeOffset.TryParse(article.GetProperty("datePublished").GetString(), CultureInfo.InvariantCulture, out _));
        Assert.False(string.IsNullOrEmpty(article.GetProperty("author")[0].GetProperty("name").GetString()));

        var list = documents.Single(d => d.GetProperty("@type").GetString() == "ItemList");
        var elements = list.GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(10, elements.Count);
        Assert.Equal(1, elements[0].GetProperty("position").GetInt32());
        Assert.EndsWith("#item-1", elements[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains(documents, d => d.GetProperty("@type").GetString() == "BreadcrumbList");
    }

    [Fact]
    public async Task Unknown_article_in_a_known_category_gets_the_not_found_page_with_a_search_box()
    {
        using var response = await client.GetAsync(new Uri("/movies/no-such-story", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Page not found", page.QuerySelector("h1")!.Text());
        Assert.NotNull(page.QuerySelector("main form[role=search] input[name=q]"));
    }

    [Fact]
    public async Task Article_page_answers_not_modified_to_a_matching_etag()
    {
        using var first = await client.GetAsync(new Uri(ListiclePath, UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.NotNull(first.Content.Headers.LastModified);

        using var request = new HttpRequestMessage(HttpMethod.Get, ListiclePath);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
}
