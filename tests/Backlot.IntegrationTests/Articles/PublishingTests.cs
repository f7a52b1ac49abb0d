using System.Net;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Articles;

/// <summary>Edits go through <see cref="ArticleEditor"/>, the class the admin uses; readers see the result over HTTP.</summary>
public sealed class PublishingTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task Editing_a_cached_article_evicts_its_page_the_home_page_and_its_category()
    {
        var (id, path) = await StoryAsync("why-the-shinings-hotel-still-confuses-fans");
        await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        using (var cached = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.True(cached.Headers.Age is not null, "the second request should be served from the output cache");
        }

        await EditAsync(id, draft => draft with { Title = "The Overlook, mapped at last" });

        Assert.Contains("The Overlook, mapped at last", await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("The Overlook, mapped at last", await client.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains("The Overlook, mapped at last", await client.GetStringAsync(new Uri("/movies", UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_published_slug_keeps_the_old_url_as_a_permanent_redirect()
    {
        var (id, oldPath) = await StoryAsync("how-to-watch-parks-and-recreation-in-order");

        await EditAsync(id, draft => draft with { Slug = "parks-and-rec-viewing-order" });
        using var response = await client.GetAsync(new Uri(oldPath + "?utm=x", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/tv/parks-and-rec-viewing-order?utm=x", response.Headers.Location!.OriginalString);
        using var moved = await client.GetAsync(new Uri("/tv/parks-and-rec-viewing-order", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task A_second_slug_change_redirects_the_first_url_straight_to_the_newest()
    {
        var (id, firstPath) = await StoryAsync("what-makes-a-great-ensemble-comedy");

        await EditAsync(id, draft => draft with { Slug = "ensemble-comedy-second" });
        await EditAsync(id, draft => draft with { Slug = "ensemble-comedy-third" });
        using var response = await client.GetAsync(new Uri(firstPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("/ensemble-comedy-third", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paths_in_the_redirect_table_answer_301_without_a_trailing_slash_or_case_mattering()
    {
        await site.WithDbAsync(async db =>
        {
            db.Redirects.Add(new Redirect { FromPath = "/2019/03/old-wordpress-post", ToPath = "/news/welcome-to-backlot", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

        using var response = await client.GetAsync(new Uri("/2019/03/Old-WordPress-Post/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/news/welcome-to-backlot", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_draft_is_not_public_and_a_scheduled_article_appears_at_its_time()
    {
        var (id, path) = await StoryAsync("how-interstellars-black-hole-became-a-scientific-paper");

        await EditAsync(id, draft => draft with { Status = ArticleStatus.Draft });
        using (var draft = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        }

        await EditAsync(id, draft => draft with { Status = ArticleStatus.Scheduled, PublishedAt = site.Clock.GetUtcNow().UtcDateTime.AddHours(2) });
        using (var early = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        site.Clock.Advance(TimeSpan.FromHours(3));
        using var due = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, due.StatusCode);
    }

    [Fact]
    public async Task Every_save_keeps_a_numbered_revision()
    {
        var (id, _) = await StoryAsync("stranger-things-the-letter-scene-explained");

        await EditAsync(id, draft => draft with { Dek = "A revised dek." });
        await EditAsync(id, draft => draft with { Dek = "Revised again." });

        await site.WithDbAsync(async db =>
        {
            var numbers = await db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Number).ToListAsync();
            Assert.Equal([1, 2, 3], numbers);
            var latest = await db.Revisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).LastAsync();
            Assert.Contains("Revised again.", latest.Snapshot, StringComparison.Ordinal);
        });
    }

    private async Task<(int Id, string Path)> StoryAsync(string slug)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var article = await db.Articles.Where(a => a.Slug == slug).Select(a => new { a.Id, Category = a.Category.Slug }).SingleAsync();
        return (article.Id, ArticleUrls.PathOf(article.Category, slug));
    }

    private async Task EditAsync(int id, Func<ArticleDraft, ArticleDraft> change)
    {
        await using var scope = site.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var draft = await editor.LoadDraftAsync(id, TestContext.Current.CancellationToken);
        await editor.UpdateAsync(id, change(draft!), "test", TestContext.Current.CancellationToken);
    }
}
