using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Comments;

/// <summary>A reader with a browser of their own (cookies, an address) who fills in the comment form as the page's script does.</summary>
internal sealed class Commenter
{
    private readonly BacklotFactory site;

    private Commenter(BacklotFactory site, HttpClient client)
    {
        this.site = site;
        Client = client;
    }

    public HttpClient Client { get; }

    public static Commenter Create(BacklotFactory site, string? address = null)
    {
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address ?? $"198.51.100.{Random.Shared.Next(1, 255)}");
        return new Commenter(site, client);
    }

    /// <summary>What comments.js fetches: the token, the signed time and remembered details.</summary>
    public async Task<JsonElement> FormStateAsync(int articleId)
    {
        using var response = await Client.GetAsync(new Uri($"/articles/{articleId}/comments/form", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>Fills in the form and posts it, after the time a person needs to write (the clock moves on instead of the test waiting).</summary>
    public async Task<HttpResponseMessage> PostAsync(int articleId, Dictionary<string, string> fields, bool asScript = true, bool waitToWrite = true)
    {
        var state = await FormStateAsync(articleId);
        if (waitToWrite)
        {
            site.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var form = new Dictionary<string, string>
        {
            [state.GetProperty("tokenField").GetString()!] = state.GetProperty("token").GetString()!,
            ["stamp"] = state.GetProperty("stamp").GetString()!,
        };
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        return await SendAsync(articleId, new FormUrlEncodedContent(form), asScript);
    }

    public async Task<HttpResponseMessage> SendAsync(int articleId, HttpContent content, bool asScript = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/articles/{articleId}/comments") { Content = content };
        if (asScript)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Dictionary<string, string> Fields(string name, string email, string text, string website = "") =>
        new() { ["name"] = name, ["email"] = email, ["text"] = text, ["website"] = website };
}

/// <summary>Arranging and inspecting comments in the site's database.</summary>
internal static class CommentData
{
    public const string ListiclePath = "/movies/behind-the-scenes-details-that-made-scenes-memorable";

    public static async Task<int> ArticleIdAsync(BacklotFactory site, string path = ListiclePath)
    {
        var slug = path.Split('/')[^1];
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<List<Comment>> CommentsAsync(BacklotFactory site, Func<IQueryable<Comment>, IQueryable<Comment>>? filter = null)
    {
        await using var scope = site.Scope();
        var query = scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Set<Comment>().AsNoTracking();
        return await (filter is null ? query : filter(query)).OrderBy(c => c.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<int> CountAsync(BacklotFactory site)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Set<Comment>().CountAsync(TestContext.Current.CancellationToken);
    }

    public static async Task ApproveAsync(BacklotFactory site, params int[] ids)
    {
        await using var scope = site.Scope();
        await scope.ServiceProvider.GetRequiredService<CommentModeration>().SetStatusAsync(ids, CommentStatus.Approved, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts a comment and approves it, so its email is trusted from then on.</summary>
    public static async Task<int> TrustAsync(BacklotFactory site, int articleId, string email)
    {
        var commenter = Commenter.Create(site);
        using var response = await commenter.PostAsync(articleId, Commenter.Fields("Trusted reader", email, $"First words {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
        await ApproveAsync(site, id);
        return id;
    }

    public static async Task<int> IdOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt32();
}
