using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Discovery;

public sealed class SearchPageCacheTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_search_is_served_from_the_cache_until_an_article_is_published()
    {
        var client = site.CreateClient();
        const string path = "/search?q=quarkwhistle";
        using (var first = await client.GetAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.DoesNotContain("Quarkwhistle", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var again = await client.GetAsync(path, TestContext.Current.CancellationToken))
        {
            Assert.True(again.Headers.Age is not null, "the second identical search should come from the output cache");
        }

        await site.CreateStoryAsync("The Quarkwhistle premiere", "A film nobody has heard of, called Quarkwhistle.");

        var fresh = await client.GetDocumentAsync(path);
        Assert.Contains(fresh.QuerySelectorAll("main a"), a => a.TextContent.Contains("The Quarkwhistle premiere", StringComparison.Ordinal));
        var otherFilter = await client.GetStringAsync(path + "&kind=listicle", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("The Quarkwhistle premiere", otherFilter, StringComparison.Ordinal); // filters are cached apart
    }
}
