using System.Collections.Concurrent;
using Backlot.Data;
using Backlot.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>
/// Sends one campaign, batch by batch: reads the next subscribers after the cursor in id order
/// (keyset pagination, so nobody is skipped when subscriptions come and go), sends the batch
/// with bounded concurrency, then saves the cursor and counts in one statement. A worker that
/// stops mid-batch leaves the cursor at the last finished batch; the next run sends that batch
/// again, so a message may arrive twice but never not at all.
/// </summary>
/// <remarks>
/// Claims are leases (<see cref="PushCampaign.LeaseOwner"/>, <see cref="PushCampaign.LeaseUntil"/>),
/// taken and renewed with conditional updates, so several workers never send the same campaign at
/// once. Sharing one campaign between workers would split it into id ranges claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; the cursor-per-claim shape here carries over.
/// </remarks>
public sealed class PushCampaignRunner(IServiceScopeFactory scopes, PushDelivery delivery, IOptionsMonitor<PushOptions> options, TimeProvider clock, BacklotMetrics metrics, ILogger<PushCampaignRunner> log)
{
    /// <summary>Takes the campaign for <paramref name="owner"/> if it is due and nobody else holds it.</summary>
    public async Task<bool> TryClaimAsync(int campaignId, string owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + options.CurrentValue.LeaseDuration;
        return await db.Set<PushCampaign>()
            .Where(c => c.Id == campaignId
                && (c.Status == PushCampaignStatus.Queued || c.Status == PushCampaignStatus.Sending)
                && c.ScheduledAt <= now
                && (c.LeaseOwner == null || c.LeaseOwner == owner || c.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LeaseOwner, owner).SetProperty(c => c.LeaseUntil, until), cancellationToken) == 1;
    }

    /// <summary>Sends what is left of a campaign <paramref name="owner"/> has claimed. Returns true when it is complete.</summary>
    public async Task<bool> RunAsync(int campaignId, string owner, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        PushCampaign? campaign;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            campaign = await db.Set<PushCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
            if (campaign is null || campaign.Status is PushCampaignStatus.Completed or PushCampaignStatus.Cancelled || campaign.LeaseOwner != owner)
            {
                return campaign?.Status == PushCampaignStatus.Completed;
            }

            if (campaign.Status == PushCampaignStatus.Queued)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, PushCampaignStatus.Sending).SetProperty(c => c.StartedAt, now), cancellationToken);
            }
        }

        var payload = PushPayload.Serialize(campaign.Id, campaign.Title, campaign.Body, campaign.Url, campaign.IconUrl, campaign.ImageUrl);
        var headers = new PushHeaders(campaign.TtlSeconds, campaign.Urgency, campaign.ReplaceTopic);
        var topics = campaign.TopicList.ToList();
        var cursor = campaign.Cursor;
        log.LogInformation("Sending push campaign {Id} \"{Title}\" from subscription {Cursor}", campaign.Id, campaign.Title, cursor);

        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var batch = await db.Set<PushSubscription>().AsNoTracking()
                .Where(s => s.Id > cursor && s.Topics.Any(t => topics.Contains(t.Topic)))
                .OrderBy(s => s.Id)
                .Take(settings.BatchSize)
                .Select(s => new PushTarget(s.Id, s.Endpoint, s.P256dh, s.Auth))
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            if (batch.Count == 0)
            {
                await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, PushCampaignStatus.Completed).SetProperty(c => c.CompletedAt, now).SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTime?)null), cancellationToken);
                log.LogInformation("Push campaign {Id} complete", campaign.Id);
                return true;
            }

            var outcomes = new ConcurrentBag<(long Id, DeliveryOutcome Outcome)>();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken }, async (target, ct) =>
            {
                DeliveryOutcome outcome;
                try
                {
                    outcome = await delivery.SendAsync(target, payload, headers, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Push to subscription {Id} failed", target.Id);
                    outcome = DeliveryOutcome.Failed;
                }

                outcomes.Add((target.Id, outcome));
            });

            var delivered = outcomes.Where(o => o.Outcome == DeliveryOutcome.Delivered).Select(o => o.Id).ToList();
            var gone = outcomes.Where(o => o.Outcome == DeliveryOutcome.Gone).Select(o => o.Id).ToList();
            var failed = outcomes.Where(o => o.Outcome == DeliveryOutcome.Failed).Select(o => o.Id).ToList();
            cursor = batch[^1].Id;
            var until = clock.GetUtcNow().UtcDateTime + settings.LeaseDuration;

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var stillOurs = await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner && c.Status == PushCampaignStatus.Sending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Cursor, cursor)
                    .SetProperty(c => c.LeaseUntil, until)
                    .SetProperty(c => c.Delivered, c => c.Delivered + delivered.Count)
                    .SetProperty(c => c.Failed, c => c.Failed + failed.Count)
                    .SetProperty(c => c.Removed, c => c.Removed + gone.Count), cancellationToken) == 1;
            if (!stillOurs)
            {
                log.LogWarning("Push campaign {Id} was cancelled or taken over by another worker; stopping", campaign.Id);
                return false;
            }

            if (gone.Count > 0)
            {
                await db.Set<PushSubscription>().Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            if (delivered.Count > 0)
            {
                await db.Set<PushSubscription>().Where(s => delivered.Contains(s.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSuccessAt, now).SetProperty(x => x.FailureCount, 0), cancellationToken);
            }

            if (failed.Count > 0)
            {
                await db.Set<PushSubscription>().Where(s => failed.Contains(s.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.FailureCount, x => x.FailureCount + 1), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            metrics.PushesDelivered(delivered.Count, gone.Count, failed.Count);
        }
    }
}
