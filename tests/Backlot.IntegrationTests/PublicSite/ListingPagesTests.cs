using System.Net;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

public sealed class ListingPagesTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient();

    [Fact]
    public async Task Home_lists_the_latest_articles_newest_first()
    {
        var page = await client.GetDocumentAsync("/");

        var times = page.QuerySelectorAll("main .card time").Select(t => DateTimeOffset.Parse(t.GetAttribute("datetime")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Count >= 10);
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Contains(page.QuerySelectorAll("main .card__title"), t => t.Text().StartsWith("10 behind-the-scenes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_paginates_with_a_second_page_and_canonical_link()
    {
        var first = await client.GetDocumentAsync("/");
        var next = first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/?page=2", next);

        var second = await client.GetDocumentAsync(next);
        Assert.NotEmpty(second.QuerySelectorAll("main .card"));
        Assert.EndsWith("/?page=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Empty(first.QuerySelectorAll("main .card__title").Select(t => t.Text()).Intersect(second.QuerySelectorAll("main .card__title").Select(t => t.Text())));
    }

    [Fact]
    public async Task First_page_loads_its_top_two_card_pictures_at_once_and_the_rest_lazily()
    {
        var first = await client.GetDocumentAsync("/");
        var pictures = first.QuerySelectorAll("main .card img");
        Assert.True(pictures.Length > 2, $"the home page shows {pictures.Length} card pictures");
        Assert.All(pictures.Take(2), img => Assert.Null(img.GetAttribute("loading")));
        Assert.All(pictures.Skip(2), img => Assert.Equal("lazy", img.GetAttribute("loading")));

        var second = await client.GetDocumentAsync("/?page=2");
        Assert.All(second.QuerySelectorAll("main .card img"), img => Assert.Equal("lazy", img.GetAttribute("loading")));
    }

    [Theory]
    [InlineData("/?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/?page=-3", HttpStatusCode.BadRequest)]
    [InlineData("/?page=1.5", HttpStatusCode.BadRequest)]
    [InlineData("/?page=99999999999999999999", HttpStatusCode.BadRequest)]
    [InlineData("/?page=999", HttpStatusCode.NotFound)]
    [InlineData("/movies?page=x", HttpStatusCode.BadRequest)]
    [InlineData("/tag/trivia?page=500", HttpStatusCode.NotFound)]
    public async Task Page_numbers_that_are_not_positive_or_past_the_end_are_refused_not_crashed(string path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("<form", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Category_page_lists_only_its_own_articles()
    {
        var page = await client.GetDocumentAsync("/tv");

        Assert.Equal("TV", page.QuerySelector("main h1")!.Text());
        var kickers = page.QuerySelectorAll("main .card__kicker").Select(k => k.Text()).ToList();
        Assert.NotEmpty(kickers);
        Assert.All(kickers, k => Assert.StartsWith("TV", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Work_page_gathers_every_listicle_item_about_the_work_across_articles()
    {
        var page = await client.GetDocumentAsync("/work/the-shining");

        Assert.Equal("Behind the scenes of The Shining", page.QuerySelector("main h1")!.Text());
        var items = page.QuerySelectorAll(".work-item");
        Assert.NotEmpty(items);
        Assert.Contains(items, i => i.QuerySelector("a")!.GetAttribute("href")!.EndsWith("#item-1", StringComparison.Ordinal));
        Assert.NotEmpty(page.QuerySelectorAll("main .card"));
    }

    [Theory]
    [InlineData("/tag/trivia")]
    [InlineData("/person/stanley-kubrick")]
    [InlineData("/author/maya-okafor")]
    [InlineData("/work/stranger-things")]
    [InlineData("/news")]
    [InlineData("/search?q=Shining")]
    public async Task Archive_pages_list_articles_with_links_that_resolve(string path)
    {
        var page = await client.GetDocumentAsync(path);

        var links = page.QuerySelectorAll("main .card__link, main .search-results a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        using var article = await client.GetAsync(new Uri(links[0], UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, article.StatusCode);
    }

    [Theory]
    [InlineData("/no-such-section")]
    [InlineData("/tag/no-such-tag")]
    [InlineData("/work/no-such-work")]
    [InlineData("/person/nobody")]
    [InlineData("/author/nobody")]
    [InlineData("/movies/no-such-story/extra")]
    [InlineData("/tag/%E2%80%AE%F0%9F%8E%AC")]
    [InlineData("/movies/Not-A-Slug")]
    public async Task Unknown_slugs_get_the_not_found_page(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"; DROP TABLE Articles; --")]
    [InlineData("%_%")]
    [InlineData("\u0000\uFFFF")]
    public async Task Search_survives_hostile_queries(string query)
    {
        using var response = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query) + new string('x', 500), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
