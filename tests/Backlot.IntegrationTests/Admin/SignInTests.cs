using System.Net;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Admin;

/// <summary>Sign-in answers alike for real and unknown accounts, and strangers cannot lock an owner out.</summary>
public sealed class SignInTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_real_account_and_an_unknown_email_get_the_same_answers_however_many_attempts_fail()
    {
        // An account nobody has tried to sign in to yet: every attempt, a successful one too, counts against an account.
        var real = $"real-{Guid.NewGuid():N}@example.test";
        await using (var scope = site.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(real, "Real Person", Roles.Author, AdminSession.Password)).Succeeded);
        }

        var unknown = $"nobody-{Guid.NewGuid():N}@example.test";
        var stranger = site.CreateClient(new() { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var (realStatus, realMessage) = await SignInAsync(stranger, real, "wrong password " + attempt);
            var (unknownStatus, unknownMessage) = await SignInAsync(stranger, unknown, "wrong password " + attempt);

            Assert.Equal(realStatus, unknownStatus);
            Assert.Equal(realMessage, unknownMessage);
            Assert.NotEmpty(realMessage);
            Assert.DoesNotContain("locked", realMessage, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Strangers_using_up_an_accounts_attempts_do_not_lock_out_its_owner_in_a_browser_they_signed_in_with()
    {
        var owner = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        for (var address = 0; address < 8; address++)
        {
            // A new client each time: as if from another address, with no cookies.
            await SignInAsync(site.CreateClient(new() { AllowAutoRedirect = false }), owner.Email, "guess " + address);
        }

        var (strangerStatus, _) = await SignInAsync(site.CreateClient(new() { AllowAutoRedirect = false }), owner.Email, AdminSession.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, strangerStatus);

        using var signedOut = await owner.PostFormAsync("/admin/account", [], "/admin/sign-out");
        using var back = await owner.PostFormAsync("/admin/sign-in", new() { ["Email"] = owner.Email, ["Password"] = AdminSession.Password });
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.True(await owner.IsSignedInAsync());
    }

    private static async Task<(HttpStatusCode Status, string Message)> SignInAsync(HttpClient client, string email, string password)
    {
        var html = await client.GetStringAsync(new Uri("/admin/sign-in", UriKind.Relative), TestContext.Current.CancellationToken);
        var token = Html.Parse(html).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await client.PostAsync(new Uri("/admin/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, page.QuerySelector(".validation-summary-errors, .errors, [data-valmsg-summary]")?.TextContent.Trim() ?? "");
    }
}
