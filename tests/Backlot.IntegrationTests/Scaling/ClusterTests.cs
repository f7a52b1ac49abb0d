using System.Diagnostics;
using System.Net;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Site;
using Backlot.IntegrationTests.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Scaling;

/// <summary>Two instances allowing three comments a minute from one address, between them.</summary>
public sealed class StrictCluster : ClusterSite
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Comments:PostsPerMinute"] = "3" };
}

/// <summary>Two instances on one database and one Redis behave as one site, whichever instance a request lands on.</summary>
public sealed class ClusterTests(StrictCluster cluster) : IClassFixture<StrictCluster>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_article_edited_through_one_instance_is_served_new_by_the_other_within_a_second()
    {
        TestEnvironment.RequireRedis();
        var (id, path) = await ClusterArrange.NewestArticleAsync(cluster.A);
        var reader = cluster.B.CreateClient();
        Assert.DoesNotContain("Edited on A", await reader.GetStringAsync(path, Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain("Edited on A", await reader.GetStringAsync("/", Cancel), StringComparison.Ordinal); // both now cached on B

        var title = $"Edited on A {Guid.NewGuid():N}";
        await ClusterArrange.RetitleAsync(cluster.A, id, title);

        await ClusterArrange.ServedWithinAsync(reader, path, title, TimeSpan.FromSeconds(1));
        await ClusterArrange.ServedWithinAsync(reader, "/", title, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Site_settings_saved_on_one_instance_show_on_the_other_within_a_second()
    {
        TestEnvironment.RequireRedis();
        var reader = cluster.B.CreateClient();
        Assert.DoesNotContain("Tagline from A", await reader.GetStringAsync("/", Cancel), StringComparison.Ordinal);
        _ = cluster.B.Services.GetRequiredService<SiteSettings>().Current; // held in B's memory

        var tagline = $"Tagline from A {Guid.NewGuid():N}";
        await using (var scope = cluster.A.Scope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<SiteSettings>();
            await settings.SaveAsync(settings.Current with { Tagline = tagline }, Cancel);
        }

        await ClusterArrange.ServedWithinAsync(reader, "/", tagline, TimeSpan.FromSeconds(1));
        Assert.Equal(tagline, cluster.B.Services.GetRequiredService<SiteSettings>().Current.Tagline);
    }

    [Fact]
    public async Task An_antiforgery_token_from_one_instance_signs_in_on_the_other_and_its_cookie_works_on_both()
    {
        TestEnvironment.RequireRedis();
        var email = $"cluster-{Guid.NewGuid():N}@example.test";
        await using (var scope = cluster.A.Scope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountDirectory>().CreateAsync(email, "Cluster Editor", Roles.Editor, AdminSession.Password);
            Assert.True(created.Succeeded);
        }

        var cookies = new System.Net.CookieContainer();
        using var onA = cluster.A.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        using var onB = cluster.B.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        var form = Html.Parse(await onA.GetStringAsync("/admin/sign-in", Cancel));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var signIn = await onB.PostAsync("/admin/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = AdminSession.Password,
            ["__RequestVerificationToken"] = token,
        }), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var adminOnA = await onA.GetAsync("/admin", Cancel);
        using var adminOnB = await onB.GetAsync("/admin", Cancel);
        Assert.Equal(HttpStatusCode.OK, adminOnA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminOnB.StatusCode);
    }

    [Fact]
    public async Task A_comment_approved_on_one_instance_reaches_a_reader_of_the_others_stream()
    {
        TestEnvironment.RequireRedis();
        var articleId = await CommentData.ArticleIdAsync(cluster.A);
        using var posted = await Commenter.Create(cluster.A).PostAsync(articleId, Commenter.Fields("Cluster Reader", "cluster@example.test", $"Across instances {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var commentId = await CommentData.IdOfAsync(posted);
        await using var stream = await EventStream.OpenAsync(cluster.B.CreateClient(), $"/articles/{articleId}/comments/events");
        Assert.Equal("ready", (await stream.NextAsync()).Type);

        await CommentData.ApproveAsync(cluster.A, commentId);

        var received = await stream.NextAsync(e => e.Type == "comment");
        Assert.Contains($"\"id\":{commentId}", received.Data, StringComparison.Ordinal);
        Assert.Contains("Across instances", received.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_client_comment_limit_holds_across_both_instances()
    {
        TestEnvironment.RequireRedis();
        var articleId = await CommentData.ArticleIdAsync(cluster.A);
        var address = $"203.0.113.{Random.Shared.Next(1, 255)}";
        var onA = Commenter.Create(cluster.A, address);
        var onB = Commenter.Create(cluster.B, address);
        var statuses = new List<HttpStatusCode>();
        foreach (var commenter in new[] { onA, onB, onA, onB })
        {
            using var response = await commenter.PostAsync(articleId, Commenter.Fields("Flood", "flood@example.test", $"Message {statuses.Count} {Guid.NewGuid():N}"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        using var refusedOnA = await onA.PostAsync(articleId, Commenter.Fields("Flood", "flood@example.test", $"Still too many {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnA.StatusCode);
        Assert.True(refusedOnA.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to try again");
    }
}

/// <summary>Arranging and checking a change through one instance and what another serves.</summary>
internal static class ClusterArrange
{
    public static async Task<(int Id, string Path)> NewestArticleAsync(BacklotFactory site)
    {
        await using var scope = site.Scope();
        var newest = await scope.ServiceProvider.GetRequiredService<BacklotDb>().Articles
            .Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Select(a => new { a.Id, a.Slug, Category = a.Category.Slug })
            .FirstAsync(TestContext.Current.CancellationToken);
        return (newest.Id, ArticleUrls.PathOf(newest.Category, newest.Slug));
    }

    public static async Task RetitleAsync(BacklotFactory site, int id, string title)
    {
        await using var scope = site.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var draft = await editor.LoadDraftAsync(id, TestContext.Current.CancellationToken);
        await editor.UpdateAsync(id, draft! with { Title = title }, "test", TestContext.Current.CancellationToken);
    }

    /// <summary>Asks for <paramref name="path"/> until it shows <paramref name="text"/>; fails when that takes longer than <paramref name="within"/>.</summary>
    public static async Task ServedWithinAsync(HttpClient client, string path, string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            if (html.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            Assert.True(clock.Elapsed < within, $"{path} still served the old page after {clock.Elapsed.TotalMilliseconds:0} ms.");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}
