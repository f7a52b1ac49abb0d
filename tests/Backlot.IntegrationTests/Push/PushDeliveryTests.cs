using System.Net;
using System.Net.Http.Json;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Push;

/// <summary>Subscribers sign up over HTTP; the site's own sender delivers to a fake push service that checks and decrypts like a real one.</summary>
public sealed class PushDeliveryTests(PushSiteFactory site) : IClassFixture<PushSiteFactory>, IAsyncLifetime
{
    private readonly HttpClient client = site.CreateClient();
    private FakePushService pushService = null!;

    public async ValueTask InitializeAsync()
    {
        await site.ResetPushAsync();
        pushService = await FakePushService.StartAsync();
        var key = await client.GetFromJsonAsync<JsonKey>(new Uri("/push/vapid-public-key", UriKind.Relative), TestContext.Current.CancellationToken);
        pushService.ExpectedKey = key!.PublicKey;
    }

    public async ValueTask DisposeAsync() => await pushService.DisposeAsync();

    [Fact]
    public async Task Publishing_an_article_delivers_one_readable_notification_to_each_subscriber_of_its_topics_and_none_to_others()
    {
        var (categoryId, authorId, work, otherWork) = await TaxonomyAsync();
        var siteReader = await SubscribeAsync("site-reader", PushServiceBehaviour.Accept, "site");
        var movieFan = await SubscribeAsync("movie-fan", PushServiceBehaviour.Accept, "category:movies");
        var workFan = await SubscribeAsync("work-fan", PushServiceBehaviour.Accept, PushTopics.Work(work.Slug));
        var everything = await SubscribeAsync("everything", PushServiceBehaviour.Accept, "site", "category:movies", PushTopics.Work(work.Slug));
        var tvFan = await SubscribeAsync("tv-fan", PushServiceBehaviour.Accept, "category:tv");
        var otherWorkFan = await SubscribeAsync("other-work-fan", PushServiceBehaviour.Accept, PushTopics.Work(otherWork.Slug));

        int articleId;
        await using (var scope = site.Scope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
            var article = await editor.CreateAsync(new ArticleDraft
            {
                Title = "The first trailer for the sequel is out",
                Dek = "Two minutes, no dialogue, one very familiar hallway.",
                Status = ArticleStatus.Published,
                AuthorId = authorId,
                CategoryId = categoryId,
                WorkIds = [work.Id],
            }, "test", TestContext.Current.CancellationToken);
            articleId = article.Id;
        }

        var campaign = await site.CompletedCampaignAsync(c => c.ArticleId == articleId);

        Assert.Empty(pushService.Rejections);
        foreach (var reader in new[] { siteReader, movieFan, workFan, everything })
        {
            var message = Assert.Single(reader.Messages);
            Assert.Equal("The first trailer for the sequel is out", message.GetProperty("title").GetString());
            Assert.Equal("Two minutes, no dialogue, one very familiar hallway.", message.GetProperty("body").GetString());
            Assert.StartsWith("/movies/the-first-trailer-for-the-sequel-is-out", message.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal(campaign.Id, message.GetProperty("campaign").GetInt32());
        }

        Assert.Empty(tvFan.Messages);
        Assert.Empty(otherWorkFan.Messages);
        Assert.Equal((4, 4, 0, 0), (campaign.Queued, campaign.Delivered, campaign.Failed, campaign.Removed));
        await pushService.AssertNoStreamResetsOrGoAways();
    }

    [Fact]
    public async Task Saving_a_published_article_again_sends_nothing_more()
    {
        var (categoryId, authorId, _, _) = await TaxonomyAsync();
        var reader = await SubscribeAsync("loyal-reader", PushServiceBehaviour.Accept, "site");
        await using var scope = site.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();
        var draft = new ArticleDraft { Title = "A story edited twice", Status = ArticleStatus.Published, AuthorId = authorId, CategoryId = categoryId };
        var article = await editor.CreateAsync(draft, "test", TestContext.Current.CancellationToken);
        await site.CompletedCampaignAsync(c => c.ArticleId == article.Id);

        await editor.UpdateAsync(article.Id, draft with { Dek = "Now with a dek." }, "test", TestContext.Current.CancellationToken);
        await editor.UpdateAsync(article.Id, draft with { Status = ArticleStatus.Draft }, "test", TestContext.Current.CancellationToken);
        await editor.UpdateAsync(article.Id, draft, "test", TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.Single(reader.Messages);
        await site.WithDbAsync(async db => Assert.Equal(1, await db.Set<PushCampaign>().CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task An_article_published_without_notify_subscribers_sends_nothing()
    {
        var (categoryId, authorId, _, _) = await TaxonomyAsync();
        var reader = await SubscribeAsync("quiet-reader", PushServiceBehaviour.Accept, "site");
        await using var scope = site.Scope();
        var editor = scope.ServiceProvider.GetRequiredService<ArticleEditor>();

        var article = await editor.CreateAsync(new ArticleDraft { Title = "A quiet correction", Status = ArticleStatus.Published, AuthorId = authorId, CategoryId = categoryId, NotifySubscribers = false }, "test", TestContext.Current.CancellationToken);
        await Task.Delay(1500, TestContext.Current.CancellationToken);

        Assert.Empty(reader.Messages);
        await site.WithDbAsync(async db => Assert.False(await db.Set<PushCampaign>().AnyAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task A_subscription_the_push_service_says_is_gone_is_deleted()
    {
        var gone = await SubscribeAsync("expired", PushServiceBehaviour.Gone, "site");
        var fine = await SubscribeAsync("still-here", PushServiceBehaviour.Accept, "site");

        var id = await QueueAsync(new PushNotificationDraft { Title = "Box office weekend", Url = "/movies" });
        var campaign = await site.CompletedCampaignAsync(c => c.Id == id);

        Assert.Single(fine.Messages);
        Assert.Empty(gone.Messages);
        Assert.Equal((1, 0, 1), (campaign.Delivered, campaign.Failed, campaign.Removed));
        await pushService.AssertNoStreamResetsOrGoAways();
        await site.WithDbAsync(async db =>
        {
            Assert.False(await db.Set<PushSubscription>().AnyAsync(s => s.Endpoint == gone.Endpoint));
            Assert.True(await db.Set<PushSubscription>().AnyAsync(s => s.Endpoint == fine.Endpoint));
        });
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_after_the_wait_it_asks_for()
    {
        var busy = await SubscribeAsync("busy", PushServiceBehaviour.RateLimitedOnce, "site");

        var id = await QueueAsync(new PushNotificationDraft { Title = "Festival line-up announced", Url = "/movies", Urgency = PushUrgency.High, TtlSeconds = 600, ReplaceTopic = "festival" });
        var campaign = await site.CompletedCampaignAsync(c => c.Id == id);

        var requests = busy.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1] - requests[0] >= TimeSpan.FromMilliseconds(900), $"retried after {(requests[1] - requests[0]).TotalMilliseconds} ms, Retry-After asked for 1 s");
        Assert.Equal("Festival line-up announced", Assert.Single(busy.Messages).GetProperty("title").GetString());
        Assert.Equal((1, 0), (campaign.Delivered, campaign.Failed));
        await pushService.AssertNoStreamResetsOrGoAways();
    }

    [Fact]
    public async Task A_push_service_that_never_answers_does_not_stall_the_campaign()
    {
        var hanging = await SubscribeAsync("black-hole", PushServiceBehaviour.HangAlways, "site");
        var first = await SubscribeAsync("after-the-hole", PushServiceBehaviour.Accept, "site");
        var second = await SubscribeAsync("next-batch", PushServiceBehaviour.Accept, "site");
        var started = DateTime.UtcNow;

        var id = await QueueAsync(new PushNotificationDraft { Title = "Casting news", Url = "/tv" });
        var campaign = await site.CompletedCampaignAsync(c => c.Id == id);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "two 2-second attempts should bound the wait");
        Assert.Equal(2, hanging.Requests.Count);
        Assert.Single(first.Messages);
        Assert.Single(second.Messages);
        Assert.Equal((2, 1, 0), (campaign.Delivered, campaign.Failed, campaign.Removed));
        await site.WithDbAsync(async db => Assert.Equal(1, await db.Set<PushSubscription>().Where(s => s.Endpoint == hanging.Endpoint).Select(s => s.FailureCount).SingleAsync()));
    }

    [Fact]
    public async Task A_click_reported_by_the_service_worker_is_counted()
    {
        await SubscribeAsync("clicker", PushServiceBehaviour.Accept, "site");
        var id = await QueueAsync(new PushNotificationDraft { Title = "Click me", Url = "/" });
        await site.CompletedCampaignAsync(c => c.Id == id);

        using var click = await client.PostAsJsonAsync(new Uri("/push/clicks", UriKind.Relative), new { campaign = id }, TestContext.Current.CancellationToken);
        using var unknown = await client.PostAsJsonAsync(new Uri("/push/clicks", UriKind.Relative), new { campaign = 999_999 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, click.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var scope = site.Scope();
        var summary = await scope.ServiceProvider.GetRequiredService<PushCampaigns>().FindAsync(id, TestContext.Current.CancellationToken);
        Assert.Equal(1, summary!.Clicked);
        Assert.Equal(1.0, summary.ClickThrough);
        await pushService.AssertNoStreamResetsOrGoAways();
    }

    private async Task<FakeSubscriber> SubscribeAsync(string name, PushServiceBehaviour behaviour, params string[] topics)
    {
        var subscriber = pushService.Add(name, behaviour);
        using var response = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), subscriber.SubscribeBody(topics), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return subscriber;
    }

    private async Task<int> QueueAsync(PushNotificationDraft draft)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<PushCampaigns>().QueueAsync(draft, TestContext.Current.CancellationToken);
    }

    private async Task<(int CategoryId, int AuthorId, (int Id, string Slug) Work, (int Id, string Slug) OtherWork)> TaxonomyAsync()
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var category = await db.Categories.Where(c => c.Slug == "movies").Select(c => c.Id).SingleAsync();
        var author = await db.Authors.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var works = await db.Works.OrderBy(w => w.Id).Take(2).Select(w => new { w.Id, w.Slug }).ToListAsync();
        return (category, author, (works[0].Id, works[0].Slug), (works[1].Id, works[1].Slug));
    }

    private sealed record JsonKey(string PublicKey);
}
