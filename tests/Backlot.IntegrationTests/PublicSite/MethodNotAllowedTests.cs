using System.Net;
using Backlot.Data;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.PublicSite;

/// <summary>Methods no handler answers (TRACE, PUT, DELETE, PATCH): 405 with Allow on every public route, never a page rendered without its handler.</summary>
public sealed class MethodNotAllowedTests(ProductionSiteFactory site) : IClassFixture<ProductionSiteFactory>
{
    private const string Article = "/movies/how-interstellars-black-hole-became-a-scientific-paper";

    public static TheoryData<string> PublicRoutes =>
    [
        "/", Article, "/movies", "/tag/christopher-nolan", "/author/maya-okafor", "/work/interstellar", "/person/{person}", "/search?q=nolan",
        "/feed", "/feed/atom", "/feed.json", "/feed/category/movies", "/feed/category/movies/atom", "/feed/tag/christopher-nolan", "/feed/author/maya-okafor",
        "/articles/{article}/comments", "/articles/{article}/comments/form", "/articles/{article}/comments/events",
        "/search/suggest?q=nol", "/sitemap.xml", "/robots.txt", "/push/vapid-public-key",
    ];

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Methods_no_handler_answers_get_405_with_allow_and_the_error_page(string route)
    {
        var path = await ResolveAsync(route);
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var method in new[] { "TRACE", "PUT", "DELETE", "PATCH" })
        {
            using var response = await client.SendAsync(ErrorAnswers.Browser(new HttpMethod(method), path), TestContext.Current.CancellationToken);

            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            Assert.NotEmpty(response.Content.Headers.Allow);
            Assert.DoesNotContain(method, response.Content.Headers.Allow);
            ErrorAnswers.HasSecurityHeaders(response);
        }

        Assert.Empty(site.Logs.AtErrorOrAbove());
    }

    [Fact]
    public async Task A_page_allows_exactly_the_methods_of_its_handlers()
    {
        var path = await ResolveAsync("/articles/{article}/comments");
        using var response = await site.CreateClient().SendAsync(ErrorAnswers.Browser(HttpMethod.Trace, path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        await ErrorAnswers.IsErrorPageAsync(response, 405, "That didn’t work");
    }

    [Fact]
    public async Task A_json_client_gets_405_as_problem_details()
    {
        using var response = await site.CreateClient().SendAsync(ErrorAnswers.Json(HttpMethod.Put, Article), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsProblemAsync(response, 405);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_push_endpoint_answers_405_as_problem_details_whatever_the_client_accepts()
    {
        using var response = await site.CreateClient().SendAsync(ErrorAnswers.Browser(HttpMethod.Put, "/push/subscriptions"), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsProblemAsync(response, 405);
    }

    private async Task<string> ResolveAsync(string route)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        if (route.Contains("{article}", StringComparison.Ordinal))
        {
            var id = await db.Articles.Where(a => a.Slug == Article.Split('/')[2]).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
            route = route.Replace("{article}", id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        if (route.Contains("{person}", StringComparison.Ordinal))
        {
            var slug = await db.People.OrderBy(p => p.Id).Select(p => p.Slug).FirstAsync(TestContext.Current.CancellationToken);
            route = route.Replace("{person}", slug, StringComparison.Ordinal);
        }

        return route;
    }
}
