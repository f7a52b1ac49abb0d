using System.Net;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

/// <summary>Error answers to requests that are not GETs: the page (not an empty 400) for browsers, problem details for JSON clients, headers on all.</summary>
public sealed class ErrorResponseTests(ProductionSiteFactory site) : IClassFixture<ProductionSiteFactory>
{
    private const string SignIn = "/admin/sign-in";

    private static FormUrlEncodedContent SignInForm() => new(new Dictionary<string, string> { ["Input.Email"] = "nobody@example.test", ["Input.Password"] = "wrong password" });

    private HttpClient Client(string address)
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        return client;
    }

    [Fact]
    public async Task A_post_to_a_missing_page_gets_the_not_found_page_with_the_security_headers()
    {
        using var response = await Client("192.0.2.10").SendAsync(ErrorAnswers.Browser(HttpMethod.Post, "/no/such/page", SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsErrorPageAsync(response, 404, "Page not found");
    }

    [Fact]
    public async Task A_json_client_posting_to_a_missing_address_gets_problem_details()
    {
        using var response = await Client("192.0.2.11").SendAsync(ErrorAnswers.Json(HttpMethod.Post, "/no/such/page", SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_sign_in_post_without_an_antiforgery_token_gets_the_bad_request_page_not_an_empty_body()
    {
        using var response = await Client("192.0.2.12").SendAsync(ErrorAnswers.Browser(HttpMethod.Post, SignIn, SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsErrorPageAsync(response, 400, "That request didn’t make sense");
    }

    [Fact]
    public async Task A_rate_limited_sign_in_post_without_a_token_gets_the_too_many_requests_page()
    {
        var client = Client("192.0.2.13");
        for (var i = 0; i < ProductionSiteFactory.SignInAttemptsPerMinute; i++)
        {
            using var allowed = await client.SendAsync(ErrorAnswers.Browser(HttpMethod.Post, SignIn, SignInForm()), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode);
        }

        using var limited = await client.SendAsync(ErrorAnswers.Browser(HttpMethod.Post, SignIn, SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsErrorPageAsync(limited, 429, "Too many requests");
        Assert.NotNull(limited.Headers.RetryAfter);

        using var limitedJson = await client.SendAsync(ErrorAnswers.Json(HttpMethod.Post, SignIn, SignInForm()), TestContext.Current.CancellationToken);
        await ErrorAnswers.IsProblemAsync(limitedJson, 429);
        Assert.NotNull(limitedJson.Headers.RetryAfter);
    }

    [Fact]
    public async Task Error_pages_log_nothing_at_error_level()
    {
        using var response = await Client("192.0.2.15").SendAsync(ErrorAnswers.Browser(HttpMethod.Post, "/no/such/page", SignInForm()), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        Assert.Empty(site.Logs.AtErrorOrAbove());
    }
}
