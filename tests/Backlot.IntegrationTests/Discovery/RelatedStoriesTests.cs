using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Discovery;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Discovery;

public sealed class RelatedStoriesTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private const string Listicle = "/movies/christopher-nolan-films-with-practical-effects";
    private const string Story = "/movies/why-the-shinings-hotel-still-confuses-fans";

    private readonly HttpClient client = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_story_shows_check_also_after_its_third_paragraph_and_four_more_stories_with_images()
    {
        // The demo site as it ships: other tests in this class publish stories without images, which may relate to this one.
        await using var demo = new BacklotFactory();
        await demo.InitializeAsync();
        var document = await demo.CreateClient().GetDocumentAsync(Story);

        var checkAlso = document.QuerySelector(".check-also")!;
        Assert.StartsWith("Check Also:", checkAlso.Text(), StringComparison.Ordinal);
        Assert.Equal(3, CountPrecedingParagraphs(checkAlso));
        var more = document.QuerySelectorAll(".more-stories__item");
        Assert.Equal(4, more.Length);
        Assert.All(more, item => Assert.NotNull(item.QuerySelector("img[alt]")));
        var linked = more.Select(i => i.QuerySelector("a")!.GetAttribute("href")).Append(checkAlso.QuerySelector("a")!.GetAttribute("href")).ToList();
        Assert.Equal(linked.Count, linked.Distinct().Count());
        Assert.DoesNotContain(Story, linked);
    }

    [Fact]
    public async Task A_listicle_shows_check_also_after_its_middle_item()
    {
        var document = await client.GetDocumentAsync(Listicle);

        var items = document.QuerySelectorAll(".listicle__item");
        var holder = document.QuerySelector(".check-also")!.Closest(".listicle__item")!;
        Assert.Equal($"item-{(items.Length + 1) / 2}", holder.Id);
    }

    [Fact]
    public async Task Stories_sharing_works_and_people_rank_above_the_rest()
    {
        var (id, _) = await site.FindAsync("christopher-nolan-films-with-practical-effects");
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var nolanWorks = await db.Works.Where(w => w.Slug == "interstellar" || w.Slug == "inception" || w.Slug == "the-dark-knight" || w.Slug == "oppenheimer").Select(w => w.Id).ToListAsync(TestContext.Current.CancellationToken);
        var first = await db.RelatedStories.Where(r => r.ArticleId == id && r.Source == RelatedSource.Computed).OrderBy(r => r.Rank).Select(r => r.Related).FirstAsync(TestContext.Current.CancellationToken);
        var firstShares = await db.Articles.Where(a => a.Id == first.Id)
            .AnyAsync(a => a.Works.Any(w => nolanWorks.Contains(w.Id)) || a.Items.Any(i => i.WorkId != null && nolanWorks.Contains(i.WorkId.Value)) || a.People.Any(p => p.Slug == "christopher-nolan"), TestContext.Current.CancellationToken);
        Assert.True(firstShares, $"the top related story ({first.Title}) should share a Nolan work or Nolan himself");
    }

    [Fact]
    public async Task Related_never_lists_the_article_itself_or_anything_unpublished()
    {
        var interstellar = await site.WorkIdAsync("interstellar");
        var (draftId, draftPath) = await site.CreateStoryAsync("Interstellar draft notes", "Unfinished notes on Interstellar.", d => d with { WorkIds = [interstellar] }, ArticleStatus.Draft);
        var (liveId, livePath) = await site.CreateStoryAsync("Interstellar and the docking scene", "Docking with the Endurance.", d => d with { WorkIds = [interstellar] });
        await site.RelatedQueueDrainedAsync();
        Assert.Contains(livePath, await RelatedPathsAsync(Listicle));

        await site.EditAsync(liveId, d => d with { Status = ArticleStatus.Draft });
        await site.RelatedQueueDrainedAsync();

        var related = await RelatedPathsAsync(Listicle);
        Assert.DoesNotContain(livePath, related);
        Assert.DoesNotContain(draftPath, related);
        Assert.DoesNotContain(Listicle, related);
        await site.WithDbAsync(async db =>
        {
            Assert.False(await db.RelatedStories.AnyAsync(r => r.ArticleId == r.RelatedArticleId));
            Assert.False(await db.RelatedStories.AnyAsync(r => r.RelatedArticleId == draftId && r.Source == RelatedSource.Computed));
        });
    }

    [Fact]
    public async Task A_pinned_story_comes_first_and_an_excluded_one_never_shows()
    {
        var (articleId, _) = await site.FindAsync("why-goodfellas-dinner-scenes-feel-lived-in");
        var (pinnedId, pinnedPath) = await site.FindAsync("welcome-to-backlot");
        var before = await RelatedPathsAsync("/movies/why-goodfellas-dinner-scenes-feel-lived-in");
        var excludedPath = before.First(p => p != pinnedPath);
        var (excludedId, _) = await site.FindAsync(excludedPath.Split('/')[^1]);

        await using (var scope = site.Scope())
        {
            var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
            await related.PinAsync(articleId, pinnedId, TestContext.Current.CancellationToken);
            await related.ExcludeAsync(articleId, excludedId, TestContext.Current.CancellationToken);
            var choices = await related.ChoicesAsync(articleId, TestContext.Current.CancellationToken);
            Assert.Equal([(pinnedId, RelatedSource.Pinned), (excludedId, RelatedSource.Excluded)], choices.Select(c => (c.ArticleId, c.Source)));
        }

        var after = await RelatedPathsAsync("/movies/why-goodfellas-dinner-scenes-feel-lived-in");
        Assert.Equal(pinnedPath, after[0]);
        Assert.DoesNotContain(excludedPath, after);

        await using (var scope = site.Scope())
        {
            var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
            await related.UnpinAsync(articleId, pinnedId, TestContext.Current.CancellationToken);
            await related.IncludeAsync(articleId, excludedId, TestContext.Current.CancellationToken);
            Assert.Empty(await related.ChoicesAsync(articleId, TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<ArgumentException>(() => related.PinAsync(articleId, articleId, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task An_unchanged_recompute_writes_nothing_and_a_computed_story_can_then_be_pinned_in_the_same_scope()
    {
        var (articleId, _) = await site.FindAsync("why-the-shinings-hotel-still-confuses-fans");
        await using var scope = site.Scope();
        var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var computed = await related.RecomputeAsync(articleId, TestContext.Current.CancellationToken);
        var stamps = await db.RelatedStories.AsNoTracking().Where(r => r.ArticleId == articleId).Select(r => r.UpdatedAt).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(computed, await related.RecomputeAsync(articleId, TestContext.Current.CancellationToken));
        Assert.Equal(stamps, await db.RelatedStories.AsNoTracking().Where(r => r.ArticleId == articleId).Select(r => r.UpdatedAt).ToListAsync(TestContext.Current.CancellationToken));

        await related.PinAsync(articleId, computed[0], TestContext.Current.CancellationToken);
        Assert.Equal([(computed[0], RelatedSource.Pinned)], (await related.ChoicesAsync(articleId, TestContext.Current.CancellationToken)).Select(c => (c.ArticleId, c.Source)));
        await related.UnpinAsync(articleId, computed[0], TestContext.Current.CancellationToken);
        Assert.Empty(await related.ChoicesAsync(articleId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Publishing_a_story_updates_the_cached_pages_of_the_stories_it_relates_to()
    {
        await client.GetStringAsync(new Uri(Listicle, UriKind.Relative), TestContext.Current.CancellationToken);
        var nolan = await site.WorkIdAsync("oppenheimer");
        var inception = await site.WorkIdAsync("inception");
        var interstellar = await site.WorkIdAsync("interstellar");
        var (_, path) = await site.CreateStoryAsync("Nolan's practical effects, ranked", "Oppenheimer, Inception and Interstellar.", d => d with { WorkIds = [nolan, inception, interstellar] });
        await site.RelatedQueueDrainedAsync();

        Assert.Contains(path, await RelatedPathsAsync(Listicle));
    }

    [Fact]
    public async Task A_save_computes_the_article_at_once_and_queues_its_neighbours_for_the_background()
    {
        var (listicleId, _) = await site.FindAsync("christopher-nolan-films-with-practical-effects");
        var inception = await site.WorkIdAsync("inception");
        var (id, path) = await site.CreateStoryAsync("Inception's rotating hallway, explained", "How the hallway turned.", d => d with { WorkIds = [inception] });

        // The saved article's own list is there when the save returns; the neighbours' follow from the queue.
        await site.WithDbAsync(async db => Assert.True(await db.RelatedStories.AnyAsync(r => r.ArticleId == id && r.Source == RelatedSource.Computed)));
        await site.RelatedQueueDrainedAsync();

        await site.WithDbAsync(async db =>
        {
            Assert.False(await db.Set<StaleRelatedStories>().AnyAsync(s => s.ClaimedUntil == null || s.ArticleId == listicleId));
            Assert.True(await db.RelatedStories.AnyAsync(r => r.ArticleId == listicleId && r.RelatedArticleId == id));
        });
        Assert.Contains(path, await RelatedPathsAsync(Listicle));
    }

    [Fact]
    public async Task An_article_marked_stale_twice_is_queued_once_and_computed_when_drained()
    {
        var (articleId, _) = await site.FindAsync("why-goodfellas-dinner-scenes-feel-lived-in");
        await using (var scope = site.Scope())
        {
            var related = scope.ServiceProvider.GetRequiredService<RelatedStories>();
            await related.MarkStaleAsync([articleId], TestContext.Current.CancellationToken);
            await related.MarkStaleAsync([articleId, int.MaxValue], TestContext.Current.CancellationToken);
        }

        await site.WithDbAsync(async db => Assert.False(await db.Set<StaleRelatedStories>().AnyAsync(s => s.ArticleId == int.MaxValue)));
        await site.RelatedQueueDrainedAsync();
        await site.WithDbAsync(async db => Assert.False(await db.Set<StaleRelatedStories>().AnyAsync(s => s.ArticleId == articleId)));
    }

    private async Task<List<string>> RelatedPathsAsync(string path)
    {
        var document = await client.GetDocumentAsync(path);
        return [.. document.QuerySelectorAll(".check-also a, .more-stories__item a").Select(a => a.GetAttribute("href")!)];
    }

    private static int CountPrecedingParagraphs(AngleSharp.Dom.IElement checkAlso)
    {
        var count = 0;
        for (var sibling = checkAlso.PreviousElementSibling; sibling is not null; sibling = sibling.PreviousElementSibling)
        {
            count += sibling.ClassList.Contains("prose") ? sibling.Children.Count(c => c.LocalName == "p") : 0;
        }

        return count;
    }
}
