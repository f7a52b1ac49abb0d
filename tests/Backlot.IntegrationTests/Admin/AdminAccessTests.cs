using System.Net;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

public sealed class AdminAccessTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static readonly HashSet<string> OpenToAnonymous = ["admin/sign-in", "admin/setup", "admin/invitation"];

    [Fact]
    public async Task Every_admin_route_sends_anonymous_visitors_to_sign_in()
    {
        var routes = site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(r => r.StartsWith("admin", StringComparison.Ordinal) && !OpenToAnonymous.Contains(r))
            .Distinct()
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} admin routes found");
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var route in routes)
        {
            var path = "/" + route.Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{id:guid}", Guid.Empty.ToString("N"), StringComparison.Ordinal);
            using var get = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(get.StatusCode == HttpStatusCode.Redirect, $"GET {path} answered {(int)get.StatusCode} to an anonymous visitor");
            Assert.StartsWith("/admin/sign-in", get.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Roles.Contributor, "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Contributor, "/admin/settings", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Contributor, "/admin/media", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Contributor, "/admin/articles", HttpStatusCode.OK)]
    [InlineData(Roles.Author, "/admin/media", HttpStatusCode.OK)]
    [InlineData(Roles.Author, "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, "/admin/settings", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, "/admin/articles/1", HttpStatusCode.OK)]
    [InlineData(Roles.Administrator, "/admin/users", HttpStatusCode.OK)]
    [InlineData(Roles.Administrator, "/admin/settings", HttpStatusCode.OK)]
    public async Task Each_role_reaches_exactly_its_pages(string role, string path, HttpStatusCode expected)
    {
        var session = await AdminSession.SignInAsNewAsync(site, role);

        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var session = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        var before = await session.Client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        using var response = await session.Client.PostAsync(
            new Uri("/admin/settings", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["SiteTitle"] = "Hijacked", ["TimeZoneId"] = "UTC", ["PushPromptText"] = "x" }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Hijacked", await session.Client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("<title>", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_to_strangers_after_five_tries()
    {
        var session = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var stranger = new AdminSessionlessClient(site);

        for (var i = 0; i < 5; i++)
        {
            await stranger.SignInAsync(session.Email, "wrong password " + i);
        }

        var page = await stranger.SignInAsync(session.Email, AdminSession.Password);
        Assert.Contains("Too many attempts for this email address", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_settings_changes_the_public_site_at_once()
    {
        var session = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        await session.Client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken); // cache the home page

        using var response = await session.PostFormAsync("/admin/settings", new()
        {
            ["SiteTitle"] = "Reel Talk",
            ["Tagline"] = "Screens, big and small",
            ["TimeZoneId"] = "Europe/London",
            ["CommentsCloseAfterDays"] = "30",
            ["PushPromptText"] = "Stay in the loop",
            ["LogoMediaId"] = "1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await site.CreateClient().GetDocumentAsync("/");
        Assert.Contains("Reel Talk", home.QuerySelector(".site-name")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("/media/", home.QuerySelector(".site-name img")!.GetAttribute("src"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_the_field_named()
    {
        var session = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);

        using var response = await session.PostFormAsync("/admin/settings", new()
        {
            ["SiteTitle"] = "",
            ["BaseUrl"] = "javascript:alert(1)",
            ["TimeZoneId"] = "Mars/Olympus",
            ["CommentsCloseAfterDays"] = "-4",
            ["PushPromptText"] = "x",
        });

        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("The site needs a title.", page.QuerySelector("[data-valmsg-for=SiteTitle]")!.TextContent);
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("[data-valmsg-for=BaseUrl]")!.TextContent));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("[data-valmsg-for=TimeZoneId]")!.TextContent));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("[data-valmsg-for=CommentsCloseAfterDays]")!.TextContent));
    }

    /// <summary>A browser with no account: posts the sign-in form and returns the page it gets back.</summary>
    private sealed class AdminSessionlessClient(BacklotFactory site)
    {
        private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

        public async Task<string> SignInAsync(string email, string password)
        {
            var html = await client.GetStringAsync(new Uri("/admin/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
            var token = Html.Parse(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var response = await client.PostAsync(new Uri("/admin/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = email,
                ["Password"] = password,
                ["__RequestVerificationToken"] = token,
            }), TestContext.Current.CancellationToken);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
    }
}
