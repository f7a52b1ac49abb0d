using System.Net;
using System.Xml;
using System.Xml.Linq;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Discovery;

public sealed class SitemapTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Image = "http://www.google.com/schemas/sitemap-image/1.1";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";

    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_sitemap_index_lists_well_formed_sitemaps_that_follow_the_protocol()
    {
        var index = await LoadAsync("/sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var sitemaps = index.Root.Elements(Sm + "sitemap").Select(s => s.Element(Sm + "loc")!.Value).ToList();
        Assert.Contains("http://localhost/sitemaps/articles-1.xml", sitemaps);
        Assert.Contains("http://localhost/sitemaps/news.xml", sitemaps);

        foreach (var loc in sitemaps)
        {
            var sitemap = await LoadAsync(new Uri(loc).AbsolutePath);
            Assert.Equal(Sm + "urlset", sitemap.Root!.Name);
            var urls = sitemap.Root.Elements(Sm + "url").ToList();
            Assert.InRange(urls.Count, 0, Sitemaps.UrlsPerSitemap);
            Assert.All(urls, url =>
            {
                Assert.StartsWith("http://localhost/", url.Element(Sm + "loc")!.Value, StringComparison.Ordinal);
                Assert.True(url.Value.Length < 2048 * 4);
                if (url.Element(Sm + "lastmod") is { } lastmod)
                {
                    Assert.True(DateTimeOffset.TryParseExact(lastmod.Value, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), lastmod.Value);
                }
            });
        }
    }

    [Fact]
    public async Task Article_sitemaps_carry_lastmod_and_the_article_images()
    {
        var sitemap = await LoadAsync("/sitemaps/articles-1.xml");

        var listicle = sitemap.Root!.Elements(Sm + "url").Single(u => u.Element(Sm + "loc")!.Value == "http://localhost/movies/christopher-nolan-films-with-practical-effects");
        Assert.NotNull(listicle.Element(Sm + "lastmod"));
        var images = listicle.Elements(Image + "image").Select(i => i.Element(Image + "loc")!.Value).ToList();
        Assert.True(images.Count >= 2);
        Assert.All(images, i => Assert.StartsWith("http://localhost/", i, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unpublished_and_scheduled_articles_appear_in_no_sitemap_and_new_ones_in_the_news_sitemap()
    {
        var (_, draft) = await site.CreateStoryAsync("Sitemap draft", "Draft.", status: ArticleStatus.Draft);
        var (_, scheduled) = await site.CreateStoryAsync("Sitemap scheduled", "Later.", d => d with { PublishedAt = DateTime.UtcNow.AddDays(2) }, ArticleStatus.Scheduled);
        var (_, fresh) = await site.CreateStoryAsync("Sitemap fresh news", "Now.");
        var (_, old) = await site.CreateStoryAsync("Sitemap older story", "Three days ago.", d => d with { PublishedAt = DateTime.UtcNow.AddDays(-3) });

        var all = new List<string>();
        foreach (var path in new[] { "/sitemaps/articles-1.xml", "/sitemaps/news.xml", "/sitemaps/pages.xml" })
        {
            all.AddRange((await LoadAsync(path)).Root!.Elements(Sm + "url").Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath));
        }

        Assert.DoesNotContain(draft, all);
        Assert.DoesNotContain(scheduled, all);
        var news = await LoadAsync("/sitemaps/news.xml");
        var newsPaths = news.Root!.Elements(Sm + "url").Select(u => new Uri(u.Element(Sm + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains(fresh, newsPaths);
        Assert.DoesNotContain(old, newsPaths);
        var entry = news.Root.Elements(Sm + "url").First().Element(News + "news")!;
        Assert.False(string.IsNullOrEmpty(entry.Element(News + "publication")!.Element(News + "name")!.Value));
        Assert.False(string.IsNullOrEmpty(entry.Element(News + "title")!.Value));
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap()
    {
        var robots = await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots, StringComparison.Ordinal);
        Assert.Contains("User-agent: *", robots, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sitemap_page_past_the_last_is_not_found()
    {
        using var response = await client.GetAsync(new Uri("/sitemaps/articles-2.xml", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<XDocument> LoadAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }
}
