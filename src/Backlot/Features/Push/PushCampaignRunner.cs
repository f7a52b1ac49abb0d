using System.Threading.Channels;
using Backlot.Data;
using Backlot.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>
/// Sends one campaign, batch by batch: reads the next subscribers after the cursor in id order
/// (keyset pagination, so nobody is skipped when subscriptions come and go) and sends them with
/// bounded concurrency, recording progress per subscriber (<see cref="PushCampaignRecipient"/>):
/// each subscriber is marked sending before the message goes out, and each answer is saved with
/// the campaign's counts as it arrives. One writer saves whatever marks and answers are waiting
/// in one transaction, so a busy campaign saves many per transaction and an idle one saves each
/// at once. When a batch is done the cursor moves past it and its rows go.
/// A worker that stops therefore leaves only the messages that were in flight without a
/// recorded answer; the next run sends those again (counted in
/// <see cref="PushCampaign.PossibleDuplicates"/> when they are delivered) and nobody else.
/// </summary>
/// <remarks>
/// Claims are leases (<see cref="PushCampaign.LeaseOwner"/>, <see cref="PushCampaign.LeaseUntil"/>),
/// taken and renewed with conditional updates, so several workers never send the same campaign at
/// once. Sharing one campaign between workers would split it into id ranges claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL; the progress rows are per campaign and
/// subscriber, so they hold whichever worker and range they were written by.
/// </remarks>
public sealed class PushCampaignRunner(IServiceScopeFactory scopes, PushDelivery delivery, IOptionsMonitor<PushOptions> options, TimeProvider clock, BacklotMetrics metrics, ILogger<PushCampaignRunner> log)
{
    /// <summary>Marks and answers saved per transaction at most; more waiting are saved by the next one.</summary>
    private const int MaxOutcomesPerSave = 500;

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
            List<PushTarget> batch;
            Dictionary<long, PushRecipientState> known;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
                batch = await db.Set<PushSubscription>().AsNoTracking()
                    .Where(s => s.Id > cursor && s.Topics.Any(t => topics.Contains(t.Topic)))
                    .OrderBy(s => s.Id)
                    .Take(settings.BatchSize)
                    .Select(s => new PushTarget(s.Id, s.Endpoint, s.P256dh, s.Auth))
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var now = clock.GetUtcNow().UtcDateTime;
                    var completed = await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner && c.Status == PushCampaignStatus.Sending)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, PushCampaignStatus.Completed).SetProperty(c => c.CompletedAt, now).SetProperty(c => c.LeaseOwner, (string?)null).SetProperty(c => c.LeaseUntil, (DateTime?)null), cancellationToken) == 1;
                    await db.Set<PushCampaignRecipient>().Where(r => r.CampaignId == campaignId).ExecuteDeleteAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    log.LogInformation("Push campaign {Id} complete", campaign.Id);
                    return completed;
                }

                // What an interrupted run recorded for this range: outcomes are final, "sending" is in doubt.
                var last = batch[^1].Id;
                known = await db.Set<PushCampaignRecipient>().AsNoTracking()
                    .Where(r => r.CampaignId == campaignId && r.SubscriptionId > cursor && r.SubscriptionId <= last)
                    .ToDictionaryAsync(r => r.SubscriptionId, r => r.State, cancellationToken);
            }

            var todo = batch
                .Where(t => !known.TryGetValue(t.Id, out var state) || state == PushRecipientState.Sending)
                .Select(t => new Recipient(t, Resent: known.ContainsKey(t.Id)))
                .ToList();
            if (todo.Count > 0 && !await SendAsync(campaignId, owner, todo, payload, headers, settings, cancellationToken))
            {
                log.LogWarning("Push campaign {Id} was cancelled or taken over by another worker; stopping", campaign.Id);
                return false;
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
                var next = batch[^1].Id;
                var until = clock.GetUtcNow().UtcDateTime + settings.LeaseDuration;
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var stillOurs = await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner && c.Status == PushCampaignStatus.Sending)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Cursor, next).SetProperty(c => c.LeaseUntil, until), cancellationToken) == 1;
                if (!stillOurs)
                {
                    log.LogWarning("Push campaign {Id} was cancelled or taken over by another worker; stopping", campaign.Id);
                    return false;
                }

                await db.Set<PushCampaignRecipient>().Where(r => r.CampaignId == campaignId && r.SubscriptionId <= next).ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                cursor = next;
            }
        }
    }

    /// <summary>
    /// Sends one batch with <see cref="PushOptions.Concurrency"/> senders. Each sender asks the
    /// writer to mark its recipient as sending and waits for that to be saved before the message
    /// goes out, then hands the answer to the writer; the writer saves whatever is waiting, marks
    /// and answers together, in one transaction at a time. Returns false when the campaign
    /// stopped being ours; the rest of the batch is then dropped.
    /// </summary>
    private async Task<bool> SendAsync(int campaignId, string owner, List<Recipient> todo, byte[] payload, PushHeaders headers, PushOptions settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = Channel.CreateUnbounded<Progress>(new UnboundedChannelOptions { SingleReader = true });
        var writer = SaveProgressAsync(campaignId, owner, progress.Reader, settings, stop);
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = stop.Token }, async (recipient, ct) =>
            {
                if (!recipient.Resent)
                {
                    var marked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    progress.Writer.TryWrite(new Progress(recipient.Target.Id, null, false, marked));
                    await marked.Task.WaitAsync(ct);
                }

                DeliveryOutcome outcome;
                try
                {
                    outcome = await delivery.SendAsync(recipient.Target, payload, headers, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Push to subscription {Id} failed", recipient.Target.Id);
                    outcome = DeliveryOutcome.Failed;
                }

                progress.Writer.TryWrite(new Progress(recipient.Target.Id, outcome, recipient.Resent, null));
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && stop.IsCancellationRequested)
        {
            // the writer found the campaign taken over or cancelled, or failed, and stopped the senders
        }
        finally
        {
            // The writer saves the answers that came in before this returns or throws, so a run
            // that follows starts from everything this one knew.
            progress.Writer.TryComplete();
            await ((Task)writer).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return await writer;
    }

    /// <summary>Saves marks and answers until the senders are done; false (and the senders stopped) when the campaign is no longer ours.</summary>
    private async Task<bool> SaveProgressAsync(int campaignId, string owner, ChannelReader<Progress> progress, PushOptions settings, CancellationTokenSource stop)
    {
        await Task.Yield();
        var pending = new List<Progress>(MaxOutcomesPerSave);
        var ours = true;

        // Not cancellable: it ends when the senders complete the channel, and what it saves on
        // the way out (answers that came in while stopping) spares those readers a second message.
        while (await progress.WaitToReadAsync(CancellationToken.None))
        {
            while (pending.Count < MaxOutcomesPerSave && progress.TryRead(out var item))
            {
                pending.Add(item);
            }

            try
            {
                if (ours && !await SaveAsync(campaignId, owner, pending, settings))
                {
                    ours = false;
                    await stop.CancelAsync();
                }
            }
            catch
            {
                await stop.CancelAsync();
                throw;
            }

            foreach (var item in pending)
            {
                if (ours)
                {
                    item.Marked?.TrySetResult();
                }
                else
                {
                    item.Marked?.TrySetCanceled();
                }
            }

            pending.Clear();
        }

        return ours;
    }

    private async Task<bool> SaveAsync(int campaignId, string owner, List<Progress> progress, PushOptions settings)
    {
        var marks = progress.Where(p => p.Marked is not null).Select(p => p.Id).ToList();
        var answers = progress.Where(p => p.Outcome is not null).ToList();
        var delivered = answers.Where(a => a.Outcome == DeliveryOutcome.Delivered).Select(a => a.Id).ToList();
        var gone = answers.Where(a => a.Outcome == DeliveryOutcome.Gone).Select(a => a.Id).ToList();
        var failed = answers.Where(a => a.Outcome == DeliveryOutcome.Failed).Select(a => a.Id).ToList();
        var again = answers.Count(a => a.Resent && a.Outcome == DeliveryOutcome.Delivered);
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + settings.LeaseDuration;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var stillOurs = await db.Set<PushCampaign>().Where(c => c.Id == campaignId && c.LeaseOwner == owner && c.Status == PushCampaignStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.LeaseUntil, until)
                .SetProperty(c => c.Delivered, c => c.Delivered + delivered.Count)
                .SetProperty(c => c.Failed, c => c.Failed + failed.Count)
                .SetProperty(c => c.Removed, c => c.Removed + gone.Count)
                .SetProperty(c => c.PossibleDuplicates, c => c.PossibleDuplicates + again), CancellationToken.None) == 1;
        if (!stillOurs)
        {
            return false;
        }

        if (marks.Count > 0)
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<PushCampaignRecipient>().AddRange(marks.Select(id => new PushCampaignRecipient { CampaignId = campaignId, SubscriptionId = id, State = PushRecipientState.Sending }));
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var recipients = db.Set<PushCampaignRecipient>().Where(r => r.CampaignId == campaignId);
        if (delivered.Count > 0)
        {
            await recipients.Where(r => delivered.Contains(r.SubscriptionId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, PushRecipientState.Delivered), CancellationToken.None);
            await db.Set<PushSubscription>().Where(s => delivered.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSuccessAt, now).SetProperty(x => x.FailureCount, 0), CancellationToken.None);
        }

        if (gone.Count > 0)
        {
            await recipients.Where(r => gone.Contains(r.SubscriptionId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, PushRecipientState.Removed), CancellationToken.None);
            await db.Set<PushSubscription>().Where(s => gone.Contains(s.Id)).ExecuteDeleteAsync(CancellationToken.None);
        }

        if (failed.Count > 0)
        {
            await recipients.Where(r => failed.Contains(r.SubscriptionId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, PushRecipientState.Failed), CancellationToken.None);
            await db.Set<PushSubscription>().Where(s => failed.Contains(s.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FailureCount, x => x.FailureCount + 1), CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
        metrics.PushesDelivered(delivered.Count, gone.Count, failed.Count);
        return true;
    }

    private sealed record Recipient(PushTarget Target, bool Resent);

    /// <summary>A recipient to mark as sending (<see cref="Marked"/> set: completed once saved) or an answer (<see cref="Outcome"/> set).</summary>
    private sealed record Progress(long Id, DeliveryOutcome? Outcome, bool Resent, TaskCompletionSource? Marked);
}
