using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Discovery;

/// <summary>Arranges articles through <see cref="ArticleEditor"/>, the class the admin uses, so every change handler runs.</summary>
internal static class DiscoveryArrange
{
    public static async Task<(int Id, string Path)> FindAsync(this BacklotFactory site, string slug)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var article = await db.Articles.Where(a => a.Slug == slug).Select(a => new { a.Id, Category = a.Category.Slug }).SingleAsync();
        return (article.Id, ArticleUrls.PathOf(article.Category, slug));
    }

    /// <summary>A new story in the first category by the first author; <paramref name="shape"/> adjusts the draft.</summary>
    public static async Task<(int Id, string Path)> CreateStoryAsync(this BacklotFactory site, string title, string body, Func<ArticleDraft, ArticleDraft>? shape = null, ArticleStatus status = ArticleStatus.Published)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var category = await db.Categories.OrderBy(c => c.Id).FirstAsync();
        var author = await db.Authors.OrderBy(a => a.Id).FirstAsync();
        var draft = new ArticleDraft { Title = title, Body = body, Status = status, AuthorId = author.Id, CategoryId = category.Id, NotifySubscribers = false };
        var article = await editor.CreateAsync(shape is null ? draft : shape(draft), "test", TestContext.Current.CancellationToken);
        return (article.Id, ArticleUrls.PathOf(category.Slug, article.Slug));
    }

    public static async Task EditAsync(this BacklotFactory site, int id, Func<ArticleDraft, ArticleDraft> change)
    {
        await using var scope = site.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var draft = await editor.LoadDraftAsync(id, TestContext.Current.CancellationToken);
        await editor.UpdateAsync(id, change(draft!), "test", TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the neighbours a save queued (<see cref="StaleRelatedStories"/>) are computed: no sleeping.</summary>
    public static Task RelatedQueueDrainedAsync(this BacklotFactory site) =>
        site.Services.GetRequiredService<RelatedRefresher>().DrainAsync(TestContext.Current.CancellationToken);

    public static async Task<int> WorkIdAsync(this BacklotFactory site, string slug)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<BacklotDb>().Works.Where(w => w.Slug == slug).Select(w => w.Id).SingleAsync();
    }
}
