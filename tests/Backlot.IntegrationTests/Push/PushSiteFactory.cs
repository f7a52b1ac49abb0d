using Backlot.Data;
using Backlot.Features.Push;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Push;

/// <summary>
/// The demo site allowed to push to the fake push service on 127.0.0.1, with short retry delays
/// and small batches so a handful of subscribers spans several.
/// </summary>
public class PushSiteFactory : BacklotFactory
{
    public PushSiteFactory() : this(sendInBackground: true)
    {
    }

    protected PushSiteFactory(bool sendInBackground, int batchSize = 2, int concurrency = 64) : base(withDemo: true, realServer: false, TestEnvironment.AllOnPostgres)
    {
        SendInBackground = sendInBackground;
        BatchSize = batchSize;
        Concurrency = concurrency;
    }

    public bool SendInBackground { get; }
    public int BatchSize { get; }
    public int Concurrency { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Push:AllowPrivateNetworks"] = "true",
        ["Push:SendInBackground"] = SendInBackground ? "true" : "false",
        ["Push:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Push:Concurrency"] = Concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Push:PollInterval"] = "00:00:01",
        ["Push:FirstRetryDelay"] = "00:00:00.200",
        ["Push:MaxRetryDelay"] = "00:00:05",
        ["Push:MaxAttempts"] = "2",

        // Short enough that a push service that never answers costs the campaign seconds; the
        // resume test, without a sender, needs its hanging request to last until it crashes the run.
        ["Push:RequestTimeout"] = SendInBackground ? "00:00:02" : "00:00:30",
        ["Push:SubscriptionsPerMinute"] = "10000",
    };

    /// <summary>Every test starts with no subscribers and no campaigns.</summary>
    public Task ResetPushAsync() => WithDbAsync(async db =>
    {
        await db.Set<PushSubscription>().ExecuteDeleteAsync();
        await db.Set<PushCampaign>().ExecuteDeleteAsync();
    });

    /// <summary>Waits for a campaign to finish, up to 30 seconds.</summary>
    public async Task<PushCampaign> CompletedCampaignAsync(Func<PushCampaign, bool> which)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = Scope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var campaign = (await db.Set<PushCampaign>().AsNoTracking().ToListAsync()).FirstOrDefault(which);
            if (campaign?.Status == PushCampaignStatus.Completed)
            {
                return campaign;
            }

            Assert.True(DateTime.UtcNow < deadline, campaign is null ? "no campaign was queued" : $"campaign {campaign.Id} is still {campaign.Status} after 30 s (cursor {campaign.Cursor})");
            await Task.Delay(100);
        }
    }
}

/// <summary>The same site with no background sender: tests drive <see cref="PushCampaignRunner"/> themselves.</summary>
public sealed class PushSiteWithoutSenderFactory() : PushSiteFactory(sendInBackground: false);

/// <summary>No background sender, and batches and concurrency of the size where a crash used to cost whole batches.</summary>
public sealed class PushSiteAtScaleFactory() : PushSiteFactory(sendInBackground: false, batchSize: 200, concurrency: 32);
