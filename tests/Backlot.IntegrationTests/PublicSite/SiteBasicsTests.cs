using System.Net;
using System.Net.Http.Headers;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

public sealed class SiteBasicsTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient();

    [Fact]
    public async Task Health_endpoint_reports_the_database_reachable()
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pages_carry_a_strict_content_security_policy_and_no_third_party_asset()
    {
        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var external = page.QuerySelectorAll("[src], link[href]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href")!)
            .Where(u => u.StartsWith("http", StringComparison.Ordinal) && !u.StartsWith("http://localhost", StringComparison.Ordinal));
        Assert.Empty(external);
    }

    [Fact]
    public async Task Stylesheet_is_fingerprinted_and_cached_for_a_year()
    {
        var page = await client.GetDocumentAsync("/");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", href, StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri(href, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 1000);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_styles_are_compressed_for_clients_that_accept_it(string encoding)
    {
        var handler = site.Server.CreateHandler();
        using var raw = new HttpClient(handler) { BaseAddress = client.BaseAddress };
        foreach (var path in new[] { "/", "/movies/behind-the-scenes-details-that-made-scenes-memorable" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await raw.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(encoding, response.Content.Headers.ContentEncoding.Single());
        }
    }
}
