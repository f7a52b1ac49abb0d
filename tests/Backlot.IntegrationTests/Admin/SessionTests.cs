using System.Net;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

/// <summary>Signed-in sessions end everywhere when the user's standing changes, and on sign-out.</summary>
public sealed class SessionTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_demoted_user_loses_the_old_role_at_the_next_request()
    {
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using (var before = await editor.Client.GetAsync(new Uri("/admin/media", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var demoted = await admin.PostFormAsync("/admin/users", new() { ["userId"] = await editor.UserIdAsync(site), ["role"] = Roles.Contributor }, "/admin/users?handler=Role");
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);

        using var after = await editor.Client.GetAsync(new Uri("/admin/media", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/admin/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var again = await AdminSession.SignInAsync(site, editor.Email);
        using var asContributor = await again.Client.GetAsync(new Uri("/admin/media", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, asContributor.StatusCode);
        Assert.True(await admin.IsSignedInAsync());
    }

    [Fact]
    public async Task A_removed_user_is_signed_out_at_the_next_request()
    {
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        Assert.True(await author.IsSignedInAsync());

        await using (var scope = site.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BacklotUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByEmailAsync(author.Email))!)).Succeeded);
        }

        Assert.False(await author.IsSignedInAsync());
    }

    [Fact]
    public async Task A_locked_out_user_is_signed_out_at_the_next_request()
    {
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        Assert.True(await author.IsSignedInAsync());

        await using (var scope = site.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BacklotUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(author.Email))!, DateTimeOffset.UtcNow.AddYears(1));
        }

        Assert.False(await author.IsSignedInAsync());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var laptop = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var phone = await AdminSession.SignInAsync(site, laptop.Email);
        Assert.True(await phone.IsSignedInAsync());

        using var changed = await laptop.PostFormAsync("/admin/account", new() { ["CurrentPassword"] = AdminSession.Password, ["NewPassword"] = "another long password" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await laptop.IsSignedInAsync());
        Assert.False(await phone.IsSignedInAsync());
    }

    [Fact]
    public async Task A_copied_cookie_stops_working_after_sign_out()
    {
        var cookies = new CookieContainer();
        var email = (await AdminSession.SignInAsNewAsync(site, Roles.Author)).Email;
        var author = await AdminSession.SignInAsync(site, email, cookies);
        var cookie = cookies.GetAllCookies().Single(c => c.Name == "backlot.auth");
        var thief = site.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using (var stolen = await thief.GetAsync(new Uri("/admin/articles", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        }

        using var signedOut = await author.PostFormAsync("/admin/account", [], "/admin/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var replayed = await thief.GetAsync(new Uri("/admin/articles", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/admin/sign-in", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
