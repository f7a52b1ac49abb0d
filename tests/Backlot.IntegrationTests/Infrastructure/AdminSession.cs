using System.Net;
using Backlot.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>A signed-in admin user over HTTP: the cookie, and form posts that carry the page's antiforgery token as a browser would.</summary>
public sealed class AdminSession
{
    public const string Password = "correct horse battery";

    private AdminSession(HttpClient client, string email)
    {
        Client = client;
        Email = email;
    }

    public HttpClient Client { get; }
    public string Email { get; }

    /// <summary>Creates a user with <paramref name="role"/> and signs in through the sign-in form.</summary>
    public static async Task<AdminSession> SignInAsNewAsync(BacklotFactory site, string role)
    {
        ArgumentNullException.ThrowIfNull(site);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.test";
        await using (var scope = site.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, $"{role} {Guid.NewGuid().ToString("N")[..6]}", role, Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return await SignInAsync(site, email);
    }

    /// <summary>Signs in an existing user (password <see cref="Password"/>) in a browser of its own, whose cookies are <paramref name="cookies"/> when given.</summary>
    public static async Task<AdminSession> SignInAsync(BacklotFactory site, string email, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        var client = cookies is null
            ? site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true })
            : site.CreateDefaultClient(new CookieContainerHandler(cookies));
        var session = new AdminSession(client, email);
        using var response = await session.PostFormAsync("/admin/sign-in", new() { ["Email"] = email, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    /// <summary>The id of this session's user.</summary>
    public async Task<string> UserIdAsync(BacklotFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        await using var scope = site.Scope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<BacklotUser>>().FindByEmailAsync(Email))!.Id;
    }

    /// <summary>Whether the session still reaches the admin (a sign-in redirect when it has ended).</summary>
    public async Task<bool> IsSignedInAsync()
    {
        using var response = await Client.GetAsync(new Uri("/admin/articles", UriKind.Relative), TestContext.Current.CancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>The author id of this session's user.</summary>
    public async Task<int> AuthorIdAsync(BacklotFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        await using var scope = site.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<BacklotUser>>().FindByEmailAsync(Email);
        return user!.AuthorId!.Value;
    }

    /// <summary>GETs <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> to <paramref name="action"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, Dictionary<string, string> fields, string? action = null, MultipartFormDataContent? files = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var token = await AntiforgeryTokenAsync(formPage);
        fields["__RequestVerificationToken"] = token;
        HttpContent content;
        if (files is null)
        {
            content = new FormUrlEncodedContent(fields);
        }
        else
        {
            foreach (var (key, value) in fields)
            {
                files.Add(new StringContent(value), key);
            }

            content = files;
        }

        return await Client.PostAsync(new Uri(action ?? formPage, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    public async Task<string> AntiforgeryTokenAsync(string formPage)
    {
        var html = await Client.GetStringAsync(new Uri(formPage, UriKind.Relative), TestContext.Current.CancellationToken);
        var input = Html.Parse(html).QuerySelector("input[name=__RequestVerificationToken]");
        Assert.True(input is not null, $"{formPage} has no antiforgery token");
        return input.GetAttribute("value")!;
    }
}
