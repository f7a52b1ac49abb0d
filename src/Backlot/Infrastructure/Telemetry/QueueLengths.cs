using System.Diagnostics.Metrics;
using Backlot.Data;
using Backlot.Features.Discovery;
using Backlot.Features.Push;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Infrastructure.Telemetry;

/// <summary>
/// Queue lengths as observable gauges on the "Backlot" meter: articles waiting for their related
/// stories, and push recipients still to be sent. Read from the database when a collection asks,
/// at most once per <see cref="MaxAge"/>, so a scraper polling every second costs one small query
/// pair every few seconds. The push count comes from the campaigns' own counters (a few rows),
/// never from counting subscriptions.
/// </summary>
internal sealed class QueueLengths
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory scopes;
    private readonly TimeProvider clock;
    private readonly ILogger<QueueLengths> log;
    private readonly Lock gate = new();
    private Snapshot? last;

    public QueueLengths(BacklotMetrics metrics, IServiceScopeFactory scopes, TimeProvider clock, ILogger<QueueLengths> log)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        this.scopes = scopes;
        this.clock = clock;
        this.log = log;
        metrics.Meter.CreateObservableGauge("backlot.queue.related_stories", () => Measure(s => s.StaleRelated), "{article}", "Articles waiting for their related stories to be computed again.");
        metrics.Meter.CreateObservableGauge("backlot.queue.push_recipients", () => Measure(s => s.PushRecipients), "{message}", "Push messages still to be sent by queued and sending campaigns.");
    }

    private IEnumerable<Measurement<long>> Measure(Func<Snapshot, long> value) =>
        Current() is { } snapshot ? [new Measurement<long>(value(snapshot))] : [];

    private Snapshot? Current()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (last is { } fresh && now - fresh.TakenAt < MaxAge)
            {
                return fresh;
            }

            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
                var stale = db.Set<StaleRelatedStories>().LongCount();
                var pending = db.Set<PushCampaign>().AsNoTracking()
                    .Where(c => c.Status == PushCampaignStatus.Queued || c.Status == PushCampaignStatus.Sending)
                    .Sum(c => (long)(c.Queued - c.Delivered - c.Failed - c.Removed));
                last = new Snapshot(now, stale, Math.Max(0, pending));
            }
            catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException)
            {
                // No value rather than a stale or invented one; the next collection after MaxAge tries again.
                log.LogWarning(e, "Could not read the queue lengths for metrics");
                last = null;
                return null;
            }

            return last;
        }
    }

    private sealed record Snapshot(DateTimeOffset TakenAt, long StaleRelated, long PushRecipients);
}
