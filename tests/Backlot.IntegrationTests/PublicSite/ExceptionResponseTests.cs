using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.PublicSite;

/// <summary>An exception in a handler (a failing service in the test host): 500 with every security header, a page for browsers, problem details for JSON clients.</summary>
public sealed class ExceptionResponseTests(FailingSiteFactory site) : IClassFixture<FailingSiteFactory>
{
    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    private static FormUrlEncodedContent SignInForm() => new(new Dictionary<string, string> { ["Input.Email"] = "nobody@example.test", ["Input.Password"] = "wrong password" });

    [Fact]
    public async Task A_failing_search_gives_a_browser_the_error_page_with_the_security_headers()
    {
        using var response = await client.SendAsync(ErrorAnswers.Browser(HttpMethod.Get, "/search?q=nolan"), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsErrorPageAsync(response, 500, "Something went wrong");
    }

    [Fact]
    public async Task A_failing_search_gives_a_json_client_problem_details_with_the_security_headers()
    {
        using var response = await client.SendAsync(ErrorAnswers.Json(HttpMethod.Get, "/search/suggest?q=nol"), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsProblemAsync(response, 500);
    }

    [Fact]
    public async Task A_post_whose_handler_throws_gets_the_error_page_with_the_security_headers()
    {
        using var response = await client.SendAsync(ErrorAnswers.Browser(HttpMethod.Post, "/admin/sign-in", SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsErrorPageAsync(response, 500, "Something went wrong");
    }

    [Fact]
    public async Task A_json_post_whose_handler_throws_gets_problem_details()
    {
        using var response = await client.SendAsync(ErrorAnswers.Json(HttpMethod.Post, "/admin/sign-in", SignInForm()), TestContext.Current.CancellationToken);

        await ErrorAnswers.IsProblemAsync(response, 500);
    }
}
