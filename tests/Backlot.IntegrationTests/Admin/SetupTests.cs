using System.Net;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

public sealed class SetupTests(EmptySiteFactory shared) : IClassFixture<EmptySiteFactory>
{
    [Fact]
    public async Task The_setup_link_creates_the_first_administrator_once_and_then_stops_working()
    {
        await using var site = new EmptySiteFactory(); // a site of its own: no administrator may exist yet
        await site.InitializeAsync();
        string token;
        await using (var scope = site.Scope())
        {
            token = await scope.ServiceProvider.GetRequiredService<FirstRunSetup>().IssueTokenAsync();
        }

        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/admin/setup?token=wrong", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        var form = await client.GetDocumentAsync($"/admin/setup?token={token}");
        var antiforgery = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var created = await client.PostAsync(new Uri($"/admin/setup?token={token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "Site Owner",
            ["Email"] = "owner@example.test",
            ["Password"] = "a long enough password",
            ["__RequestVerificationToken"] = antiforgery,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        var again = site.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(new Uri($"/admin/setup?token={token}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Eight_simultaneous_posts_with_one_setup_link_create_exactly_one_administrator()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        string token;
        await using (var scope = site.Scope())
        {
            token = await scope.ServiceProvider.GetRequiredService<FirstRunSetup>().IssueTokenAsync();
        }

        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        var form = await client.GetDocumentAsync($"/admin/setup?token={token}");
        var antiforgery = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await client.PostAsync(new Uri($"/admin/setup?token={token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Name"] = $"Owner {i}",
                ["Email"] = $"owner{i}@example.test",
                ["Password"] = "a long enough password",
                ["__RequestVerificationToken"] = antiforgery,
            }), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
        await using var check = site.Scope();
        var administrators = await check.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BacklotUser>>().GetUsersInRoleAsync(Roles.Administrator);
        Assert.Single(administrators);
        Assert.Single(await check.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Users.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_invited_user_sets_a_password_with_the_one_time_link_and_it_works_only_once()
    {
        var site = shared;
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);

        using var invited = await admin.PostFormAsync("/admin/users", new() { ["Name"] = "New Writer", ["Email"] = "writer@example.test", ["Role"] = Roles.Author }, "/admin/users?handler=Invite");
        var link = Html.Parse(await invited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector("input.copy")!.GetAttribute("value")!;
        var path = new Uri(link).PathAndQuery;

        var guest = site.CreateClient(new() { AllowAutoRedirect = false });
        var form = await guest.GetDocumentAsync(path);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["Password"] = "writer password 1", ["__RequestVerificationToken"] = token };
        foreach (var hidden in form.QuerySelectorAll("form input[type=hidden]"))
        {
            fields.TryAdd(hidden.GetAttribute("name")!, hidden.GetAttribute("value") ?? "");
        }

        using var accepted = await guest.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync(new Uri("/admin/articles", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }
}

/// <summary>A site with the production sign-in limit, to see it refuse a burst of attempts.</summary>
public sealed class StrictSignInSiteFactory : BacklotFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:SignInAttemptsPerMinute"] = "3" };
}

public sealed class SignInRateLimitTests(StrictSignInSiteFactory site) : IClassFixture<StrictSignInSiteFactory>
{
    [Fact]
    public async Task A_burst_of_sign_in_attempts_from_one_address_gets_429()
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var form = await client.GetDocumentAsync("/admin/sign-in");
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var response = await client.PostAsync(new Uri("/admin/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "nobody@example.test",
                ["Password"] = "guess " + i,
                ["__RequestVerificationToken"] = token,
            }), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
