using System.Net;
using System.Net.Http.Json;
using Backlot.Data;
using Backlot.Features.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Push;

/// <summary>No background sender here: the test runs the campaign, stops it mid-way as a crash would, and runs it again.</summary>
public sealed class CampaignResumeTests(PushSiteWithoutSenderFactory site) : IClassFixture<PushSiteWithoutSenderFactory>
{
    [Fact]
    public async Task A_campaign_interrupted_mid_way_resumes_without_skipping_anyone_or_resending_what_was_answered()
    {
        await site.ResetPushAsync();
        await using var pushService = await FakePushService.StartAsync();
        var client = site.CreateClient();
        var subscribers = new List<FakeSubscriber>();
        for (var i = 1; i <= 7; i++)
        {
            var subscriber = pushService.Add($"reader-{i}", i == 5 ? PushServiceBehaviour.HangOnce : PushServiceBehaviour.Accept);
            using var response = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), subscriber.SubscribeBody("site"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            subscribers.Add(subscriber);
        }

        var runner = site.Services.GetRequiredService<PushCampaignRunner>();
        int id;
        await using (var scope = site.Scope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PushCampaigns>().QueueAsync(new PushNotificationDraft { Title = "Awards night: the winners", Url = "/" }, TestContext.Current.CancellationToken);
        }

        // First run: batches of two; reader 5 never gets an answer, and the worker dies while waiting.
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        using var crash = new CancellationTokenSource();
        var firstRun = runner.RunAsync(id, "worker-a", crash.Token);
        await WaitUntilAsync(() => subscribers[4].Requests.Count == 1 && subscribers.Where((_, i) => i != 4 && i < 6).All(s => s.Messages.Count == 1));
        await WaitUntilAsync(async () => (await CampaignAsync(id)).Delivered == 5);
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);

        var interrupted = await CampaignAsync(id);
        Assert.Equal(PushCampaignStatus.Sending, interrupted.Status);
        Assert.Equal(5, interrupted.Delivered); // reader 6 was answered beside reader 5, and that answer is kept

        // Another worker cannot take it while the lease holds; the restarted worker resumes at once.
        Assert.False(await runner.TryClaimAsync(id, "worker-b", TestContext.Current.CancellationToken));
        Assert.True(await runner.TryClaimAsync(id, "worker-a", TestContext.Current.CancellationToken));
        Assert.True(await runner.RunAsync(id, "worker-a", TestContext.Current.CancellationToken));

        var campaign = await CampaignAsync(id);
        Assert.Equal(PushCampaignStatus.Completed, campaign.Status);
        Assert.Empty(pushService.Rejections);
        Assert.All(subscribers, s => Assert.Single(s.Messages)); // answered messages are never sent again
        Assert.Equal(7, campaign.Delivered);

        // Reader 5's first message had no answer: the campaign cannot know it did not arrive.
        Assert.Equal(1, campaign.PossibleDuplicates);
    }

    private async Task<PushCampaign> CampaignAsync(int id)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<BacklotDb>().Set<PushCampaign>().AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the answers to be recorded");
            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the first run to reach reader 5");
            await Task.Delay(50);
        }
    }
}
