using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Backlot.Features.Push;
using Backlot.Infrastructure.Telemetry;
using Backlot.IntegrationTests.Push;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Telemetry;

/// <summary>The push counters, read with a MeterListener on this site's own meter (other sites in the test run have theirs).</summary>
public sealed class PushMetricsTests(PushSiteFactory site) : IClassFixture<PushSiteFactory>, IAsyncLifetime
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
    public async Task A_campaign_counts_each_message_sent_and_each_expired_subscription_as_failed()
    {
        var meters = site.Services.GetRequiredService<IMeterFactory>();
        var counted = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BacklotMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name.StartsWith("backlot.push.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var reason = "";
            foreach (var tag in tags)
            {
                reason = tag.Key == "reason" ? $"{{{tag.Value}}}" : reason;
            }

            counted.AddOrUpdate(instrument.Name + reason, value, (_, sum) => sum + value);
        });
        listener.Start();

        await SubscribeAsync("first", PushServiceBehaviour.Accept);
        await SubscribeAsync("second", PushServiceBehaviour.Accept);
        await SubscribeAsync("expired", PushServiceBehaviour.Gone);
        int id;
        await using (var scope = site.Scope())
        {
            id = await scope.ServiceProvider.GetRequiredService<PushCampaigns>().QueueAsync(new PushNotificationDraft { Title = "Counted", Url = "/movies" }, TestContext.Current.CancellationToken);
        }

        var campaign = await site.CompletedCampaignAsync(c => c.Id == id);

        Assert.Equal((2, 1), (campaign.Delivered, campaign.Removed));
        Assert.Equal(2, counted.GetValueOrDefault("backlot.push.sent"));
        Assert.Equal(1, counted.GetValueOrDefault("backlot.push.failed{gone}"));
        Assert.Equal(0, counted.GetValueOrDefault("backlot.push.failed{error}"));
    }

    private async Task SubscribeAsync(string name, PushServiceBehaviour behaviour)
    {
        var subscriber = pushService.Add(name, behaviour);
        using var response = await client.PostAsJsonAsync(new Uri("/push/subscriptions", UriKind.Relative), subscriber.SubscribeBody("site"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private sealed record JsonKey(string PublicKey);
}
