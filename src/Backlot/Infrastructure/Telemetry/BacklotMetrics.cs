using System.Diagnostics.Metrics;

namespace Backlot.Infrastructure.Telemetry;

/// <summary>
/// Backlot's own counters, on one meter named "Backlot". With no listener (no exporter
/// configured) an increment is a check of an empty subscriber list.
/// </summary>
public sealed class BacklotMetrics
{
    public const string MeterName = "Backlot";

    private readonly Counter<long> pushesSent;
    private readonly Counter<long> pushesFailed;
    private readonly Counter<long> commentsPosted;
    private readonly Counter<long> commentsHeld;
    private readonly Counter<long> outputCacheHits;
    private readonly Counter<long> outputCacheMisses;

    public BacklotMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        pushesSent = Meter.CreateCounter<long>("backlot.push.sent", "{message}", "Push messages the push service accepted.");
        pushesFailed = Meter.CreateCounter<long>("backlot.push.failed", "{message}", "Push messages not delivered: reason=gone (the subscription expired and was removed) or error.");
        commentsPosted = Meter.CreateCounter<long>("backlot.comments.posted", "{comment}", "Comments stored, shown at once or held.");
        commentsHeld = Meter.CreateCounter<long>("backlot.comments.held", "{comment}", "Comments stored but held for moderation or as spam.");
        outputCacheHits = Meter.CreateCounter<long>("backlot.output_cache.hits", "{request}", "Public pages served from the output cache.");
        outputCacheMisses = Meter.CreateCounter<long>("backlot.output_cache.misses", "{request}", "Cacheable public pages the site had to render.");
    }

    /// <summary>The "Backlot" meter, for the observable gauges that other classes add to it.</summary>
    public Meter Meter { get; }

    public void PushesDelivered(int sent, int gone, int failed)
    {
        if (sent > 0)
        {
            pushesSent.Add(sent);
        }

        if (gone > 0)
        {
            pushesFailed.Add(gone, new KeyValuePair<string, object?>("reason", "gone"));
        }

        if (failed > 0)
        {
            pushesFailed.Add(failed, new KeyValuePair<string, object?>("reason", "error"));
        }
    }

    public void CommentStored(bool held)
    {
        commentsPosted.Add(1);
        if (held)
        {
            commentsHeld.Add(1);
        }
    }

    public void OutputCacheHit() => outputCacheHits.Add(1);

    public void OutputCacheMiss() => outputCacheMisses.Add(1);
}
