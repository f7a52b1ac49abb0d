using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Backlot.Features.Articles;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Discovery;

public sealed class FeedTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/feed")]
    [InlineData("/feed/atom")]
    [InlineData("/feed/category/movies")]
    [InlineData("/feed/category/movies/atom")]
    [InlineData("/feed/tag/christopher-nolan")]
    [InlineData("/feed/work/interstellar")]
    [InlineData("/feed/work/interstellar/atom")]
    [InlineData("/feed/author/maya-okafor")]
    public async Task Feeds_parse_with_system_servicemodel_syndication_and_link_public_articles(string path)
    {
        var feed = await LoadAsync(path);

        Assert.NotEmpty(feed.Items);
        Assert.All(feed.Items, item =>
        {
            Assert.True(item.Links[0].Uri.IsAbsoluteUri);
            Assert.False(string.IsNullOrWhiteSpace(item.Title.Text));
        });
    }

    [Fact]
    public async Task A_listicle_in_the_atom_feed_carries_its_items_in_order_with_absolute_image_urls()
    {
        var feed = await LoadAsync("/feed/atom");

        var listicle = feed.Items.Single(i => i.Links[0].Uri.AbsolutePath == "/movies/christopher-nolan-films-with-practical-effects");
        var html = ((TextSyndicationContent)listicle.Content).Text;
        var numbers = System.Text.RegularExpressions.Regex.Matches(html, "id=\"item-(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(numbers.Count >= 2);
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.DoesNotContain("src=\"/", html, StringComparison.Ordinal);
        Assert.Contains("src=\"http://localhost/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rss_feed_carries_the_whole_article_as_content_encoded()
    {
        var xml = await client.GetStringAsync(new Uri("/feed", UriKind.Relative), TestContext.Current.CancellationToken);
        var document = new XmlDocument { XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit }))
        {
            document.Load(reader);
        }

        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("content", "http://purl.org/rss/1.0/modules/content/");
        Assert.Equal("2.0", document.DocumentElement!.GetAttribute("version"));
        Assert.NotEmpty(document.SelectNodes("/rss/channel/item/content:encoded", ns)!.Cast<XmlNode>());
    }

    [Fact]
    public async Task The_json_feed_follows_version_1_1()
    {
        using var response = await client.GetAsync(new Uri("/feed.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("application/feed+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("https://jsonfeed.org/version/1.1", json.RootElement.GetProperty("version").GetString());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i =>
        {
            Assert.StartsWith("http://localhost/", i.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(i.GetProperty("content_html").GetString()));
        });
    }

    [Fact]
    public async Task A_feed_answers_not_modified_to_its_etag_and_changes_after_a_publish()
    {
        using var first = await client.GetAsync(new Uri("/feed/category/news", UriKind.Relative), TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag!;
        Assert.NotNull(first.Content.Headers.LastModified);

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/feed/category/news", UriKind.Relative)))
        {
            request.Headers.IfNoneMatch.Add(etag);
            using var again = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        }

        await site.CreateStoryAsync("Newsroom note on feeds", "Feeds now carry whole stories.", d => d with { CategoryId = NewsCategoryId() });
        using var after = await client.GetAsync(new Uri("/feed/category/news", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.NotEqual(etag, after.Headers.ETag);
        Assert.Contains("Newsroom note on feeds", await after.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drafts_and_scheduled_articles_stay_out_of_feeds()
    {
        await site.CreateStoryAsync("Secret draft for feeds", "Not yet.", status: ArticleStatus.Draft);
        await site.CreateStoryAsync("Secret scheduled for feeds", "Later.", d => d with { PublishedAt = DateTime.UtcNow.AddDays(3) }, ArticleStatus.Scheduled);

        foreach (var path in new[] { "/feed", "/feed/atom", "/feed.json" })
        {
            var body = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.DoesNotContain("Secret", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_announce_their_feeds_in_the_head()
    {
        var home = await client.GetDocumentAsync("/");
        Assert.Contains(home.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("type") == "application/rss+xml" && l.GetAttribute("href") == "http://localhost/feed");

        var work = await client.GetDocumentAsync("/work/interstellar");
        Assert.Contains(work.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == "http://localhost/feed/work/interstellar");
    }

    [Fact]
    public async Task An_unknown_feed_is_not_found()
    {
        using var response = await client.GetAsync(new Uri("/feed/tag/no-such-tag", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private int NewsCategoryId()
    {
        using var scope = site.Scope();
        return scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Categories.Single(c => c.Slug == "news").Id;
    }

    private async Task<SyndicationFeed> LoadAsync(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return SyndicationFeed.Load(reader);
    }
}
