using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Articles;

/// <summary>A site with the output cache off, as the uncached benchmark runs it.</summary>
public sealed class UncachedSiteFactory : BacklotFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Site:OutputCache"] = "false" };
}

/// <summary>
/// With the output cache off every view reads the database and renders; the products kept in
/// memory between views (picture markup, compiled reads) must never show an edit late.
/// </summary>
public sealed class UncachedArticleTests(UncachedSiteFactory site) : IClassFixture<UncachedSiteFactory>
{
    private const string Listicle = "behind-the-scenes-details-that-made-scenes-memorable";
    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task An_edit_shows_at_once_in_the_page_and_its_json_ld()
    {
        var (id, path) = await ArticleAsync(Listicle);
        var before = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Sets that remembered everything", before, StringComparison.Ordinal);

        await EditAsync(id, draft => draft with
        {
            Title = "Sets that remembered everything",
            Body = "A fresh opening paragraph about set dressing.",
            Items = [draft.Items[0] with { Heading = "The corridor that was built twice" }, .. draft.Items.Skip(1)],
        });

        var page = await client.GetDocumentAsync(path);
        Assert.Equal("Sets that remembered everything", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("A fresh opening paragraph about set dressing.", page.QuerySelector(".prose")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("The corridor that was built twice", page.QuerySelector("#item-1 h2")?.TextContent, StringComparison.Ordinal);

        var blocks = page.QuerySelectorAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        var article = blocks.Single(b => b.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal("Sets that remembered everything", article.GetProperty("headline").GetString());
        var list = blocks.Single(b => b.GetProperty("@type").GetString() == "ItemList");
        Assert.Equal("The corridor that was built twice", list.GetProperty("itemListElement")[0].GetProperty("name").GetString());
        var crumbs = blocks.Single(b => b.GetProperty("@type").GetString() == "BreadcrumbList");
        Assert.Equal("Sets that remembered everything", crumbs.GetProperty("itemListElement")[2].GetProperty("name").GetString());
    }

    [Fact]
    public async Task New_alt_text_on_an_image_shows_in_the_next_view_of_a_page_that_shows_it()
    {
        var (id, path) = await ArticleAsync("why-the-shinings-hotel-still-confuses-fans");
        var first = await client.GetDocumentAsync(path);
        Assert.NotNull(first.QuerySelector(".article__hero img"));

        await site.WithDbAsync(async db =>
        {
            var heroId = await db.Articles.Where(a => a.Id == id).Select(a => a.HeroMediaId).SingleAsync();
            var hero = await db.Media.AsTracking().SingleAsync(m => m.Id == heroId);
            hero.AltText = "The hotel's lobby, carpet and all";
            await db.SaveChangesAsync();
        });

        var second = await client.GetDocumentAsync(path);
        Assert.Equal("The hotel's lobby, carpet and all", second.QuerySelector(".article__hero img")?.GetAttribute("alt"));
    }

    [Fact]
    public async Task Tags_and_related_stories_follow_the_database_on_every_view()
    {
        var (id, path) = await ArticleAsync("christopher-nolan-films-with-practical-effects");
        var before = await client.GetDocumentAsync(path);
        var related = before.QuerySelectorAll(".more-stories__item a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(related);

        await EditAsync(id, draft => draft with { TagIds = [] });
        var hiddenSlug = related[0].Split('/')[^1];
        await site.WithDbAsync(async db =>
        {
            var hidden = await db.Articles.AsTracking().SingleAsync(a => a.Slug == hiddenSlug);
            hidden.Status = ArticleStatus.Draft;
            await db.SaveChangesAsync();
        });

        var after = await client.GetDocumentAsync(path);
        Assert.Empty(after.QuerySelectorAll(".chips a[href^='/tag/']"));
        Assert.DoesNotContain(related[0], after.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    private async Task<(int Id, string Path)> ArticleAsync(string slug)
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
