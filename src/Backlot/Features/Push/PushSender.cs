using Backlot.Data;
using Backlot.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>
/// The background worker that sends due campaigns. Woken by <see cref="PushSendSignal"/> when one
/// is queued, and every <see cref="PushOptions.PollInterval"/> for scheduled ones. Its worker name
/// is stable across restarts of the same instance, so after a crash it takes its own claims back
/// at once instead of waiting for their leases to run out.
/// </summary>
public sealed class PushSender(IServiceScopeFactory scopes, PushCampaignRunner runner, VapidKeys keys, PushSendSignal signal, IOptionsMonitor<PushOptions> options, DataFolder folder, TimeProvider clock, ILogger<PushSender> log) : BackgroundService
{
    internal string WorkerName { get; } = $"{Environment.MachineName}:{folder.Path}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SendInBackground)
        {
            return;
        }

        await Task.Yield();
        try
        {
            await keys.GetAsync(stoppingToken); // the key pair exists from the first start on
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "The VAPID keys could not be loaded; web push is off until this is fixed");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var id in await DueCampaignsAsync(stoppingToken))
                {
                    if (await runner.TryClaimAsync(id, WorkerName, stoppingToken))
                    {
                        await runner.RunAsync(id, WorkerName, stoppingToken);
                    }
                }

                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The push sender failed; trying again shortly");
                await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
            }
        }
    }

    private async Task<List<int>> DueCampaignsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<PushCampaign>().AsNoTracking()
            .Where(c => (c.Status == PushCampaignStatus.Queued || c.Status == PushCampaignStatus.Sending)
                && c.ScheduledAt <= now
                && (c.LeaseOwner == null || c.LeaseOwner == WorkerName || c.LeaseUntil < now))
            .OrderBy(c => c.ScheduledAt).ThenBy(c => c.Id)
            .Select(c => c.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
    }
}
