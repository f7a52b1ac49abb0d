using System.Security.Cryptography;
using Backlot.Data;
using Backlot.Features.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Push;

/// <summary>
/// A campaign's counters against what the push service saw, per subscription: 600 subscribers,
/// batches of 200, 32 requests in flight. No background sender: the tests run the campaign,
/// crash it as a killed worker would, and run it again.
/// </summary>
public sealed class CampaignCountTests(PushSiteAtScaleFactory site) : IClassFixture<PushSiteAtScaleFactory>
{
    private const int Subscribers = 600;

    [Fact]
    public async Task A_campaign_through_a_non_dotnet_http2_server_reaches_everyone_once_on_one_connection_without_a_stream_reset()
    {
        await site.ResetPushAsync();
        await using var pushService = await NodePushService.StartAsync();
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        await AddSubscribersAsync(Enumerable.Range(1, Subscribers).Select(i => $"{pushService.Origin}/p/{i}"), key);
        var id = await QueueAsync();

        var runner = site.Services.GetRequiredService<PushCampaignRunner>();
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        Assert.True(await runner.RunAsync(id, "worker-a", TestContext.Current.CancellationToken));
        await Task.Delay(200, TestContext.Current.CancellationToken); // a reset reaches the server a moment after the response is dropped

        var campaign = await CampaignAsync(id);
        var seen = await pushService.StatsAsync();
        Assert.Equal(0, seen.Refused);
        Assert.Equal(Subscribers, seen.Paths!.Count);
        Assert.All(seen.Paths.Values, count => Assert.Equal(1, count));
        Assert.Equal((Subscribers, 0), (seen.Delivered, seen.Duplicates));
        Assert.Equal((seen.Delivered, 0, 0, 0), (campaign.Delivered, campaign.Failed, campaign.Removed, campaign.PossibleDuplicates));
        Assert.Equal((0, 0), (seen.Resets, seen.Aborted));
        Assert.Equal((1, 0, 0), (seen.Sessions, seen.GoawaysReceived, seen.SessionErrors));
        await AssertNoProgressLeftAsync(id);
    }

    [Fact]
    public async Task A_campaign_killed_mid_way_sends_again_only_to_those_whose_message_had_no_answer()
    {
        await site.ResetPushAsync();
        await using var pushService = await FakePushService.StartAsync();
        var readers = Enumerable.Range(1, Subscribers).Select(i => pushService.Add($"reader-{i}")).ToList();
        await AddSubscribersAsync(readers);
        var id = await QueueAsync();

        // The push service stops answering after 182 messages; the worker dies while waiting.
        pushService.StallAfter(182);
        var runner = site.Services.GetRequiredService<PushCampaignRunner>();
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        using var crash = new CancellationTokenSource();
        var firstRun = runner.RunAsync(id, "worker-a", crash.Token);
        await WaitUntilAsync(async () => (await CampaignAsync(id)).Delivered == 182 && readers.Sum(r => r.Requests.Count) == 182 + InFlightAfter(182), "182 answers recorded and every sender waiting");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);

        var interrupted = await CampaignAsync(id);
        Assert.Equal(PushCampaignStatus.Sending, interrupted.Status);
        Assert.Equal(182, interrupted.Delivered);
        Assert.Equal(182, readers.Count(r => r.Messages.Count == 1));

        await pushService.WaitUntilStalledRequestsAreAbandonedAsync();
        pushService.Resume();
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        Assert.True(await runner.RunAsync(id, "worker-a", TestContext.Current.CancellationToken));

        var campaign = await CampaignAsync(id);
        Assert.Empty(pushService.Rejections);
        Assert.All(readers, r => Assert.Single(r.Messages));
        Assert.Equal(PushCampaignStatus.Completed, campaign.Status);
        Assert.Equal((Subscribers, 0, 0), (campaign.Delivered, campaign.Failed, campaign.Removed));

        // Only the messages in flight at the crash were sent again: each had been sent once with
        // no answer, so the campaign cannot know it did not arrive and counts it as possibly twice.
        var resent = readers.Count(r => r.Requests.Count == 2);
        Assert.Equal(0, readers.Count(r => r.Requests.Count > 2));
        Assert.Equal(InFlightAfter(182), resent);
        Assert.Equal(resent, campaign.PossibleDuplicates);
        await AssertNoProgressLeftAsync(id);
    }

    [Fact]
    public async Task A_campaign_retaken_by_another_worker_after_the_lease_runs_out_skips_everyone_with_an_answer()
    {
        await site.ResetPushAsync();
        await using var pushService = await FakePushService.StartAsync();
        var readers = Enumerable.Range(1, 300).Select(i => pushService.Add($"fan-{i}")).ToList();
        await AddSubscribersAsync(readers);
        var id = await QueueAsync();

        pushService.StallAfter(250);
        var runner = site.Services.GetRequiredService<PushCampaignRunner>();
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        using var crash = new CancellationTokenSource();
        var firstRun = runner.RunAsync(id, "worker-a", crash.Token);
        await WaitUntilAsync(async () => (await CampaignAsync(id)).Delivered == 250 && readers.Sum(r => r.Requests.Count) == 250 + InFlightAfter(250), "250 answers recorded and every sender waiting");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);

        // worker-a never comes back; its lease runs out and worker-b takes the campaign.
        Assert.False(await runner.TryClaimAsync(id, "worker-b", TestContext.Current.CancellationToken));
        await site.WithDbAsync(db => db.Set<PushCampaign>().Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseUntil, DateTime.UtcNow.AddMinutes(-1))));
        await pushService.WaitUntilStalledRequestsAreAbandonedAsync();
        pushService.Resume();
        Assert.True(await runner.TryClaimAsync(id, "worker-b", TestContext.Current.CancellationToken));
        Assert.True(await runner.RunAsync(id, "worker-b", TestContext.Current.CancellationToken));

        var campaign = await CampaignAsync(id);
        Assert.All(readers, r => Assert.Single(r.Messages));
        Assert.Equal(300, campaign.Delivered);
        Assert.Equal(readers.Count(r => r.Requests.Count == 2), campaign.PossibleDuplicates);
    }

    /// <summary>Requests waiting when the push service stalls after <paramref name="answered"/>: the senders, or what is left of their batch.</summary>
    private int InFlightAfter(int answered) => Math.Min(site.Concurrency, site.BatchSize - (answered % site.BatchSize));

    private async Task AddSubscribersAsync(IEnumerable<FakeSubscriber> readers) =>
        await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            foreach (var reader in readers)
            {
                db.Set<PushSubscription>().Add(Subscription(reader.Endpoint, reader.PublicKey, reader.Auth, now));
            }

            await db.SaveChangesAsync();
        });

    private async Task AddSubscribersAsync(IEnumerable<string> endpoints, ECDiffieHellman key) =>
        await site.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var q = key.ExportParameters(false).Q;
            byte[] publicKey = [0x04, .. q.X!, .. q.Y!];
            var auth = RandomNumberGenerator.GetBytes(16);
            foreach (var endpoint in endpoints)
            {
                db.Set<PushSubscription>().Add(Subscription(endpoint, publicKey, auth, now));
            }

            await db.SaveChangesAsync();
        });

    private static PushSubscription Subscription(string endpoint, byte[] publicKey, byte[] auth, DateTime now) => new()
    {
        Endpoint = endpoint,
        P256dh = Base64Url(publicKey),
        Auth = Base64Url(auth),
        CreatedAt = now,
        UpdatedAt = now,
        Topics = [new PushSubscriptionTopic { Topic = PushTopics.Site }],
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<int> QueueAsync()
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<PushCampaigns>().QueueAsync(
            new PushNotificationDraft { Title = "The festival line-up is out", Url = "/movies" }, TestContext.Current.CancellationToken);
    }

    private async Task<PushCampaign> CampaignAsync(int id)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<BacklotDb>().Set<PushCampaign>().AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private Task AssertNoProgressLeftAsync(int id) =>
        site.WithDbAsync(async db => Assert.False(await db.Set<PushCampaignRecipient>().AnyAsync(r => r.CampaignId == id), "a completed campaign keeps no per-subscriber progress"));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }
}
