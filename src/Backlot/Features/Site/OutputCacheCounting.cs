using Backlot.Infrastructure.Telemetry;
using Microsoft.AspNetCore.OutputCaching;

namespace Backlot.Features.Site;

/// <summary>
/// Counts output-cache hits and misses of public pages. The output-cache middleware calls
/// <c>ServeFromCacheAsync</c> when it found a stored page and <c>ServeResponseAsync</c>
/// when the page had to be rendered, so the cached path gains one counter increment and nothing else.
/// </summary>
internal sealed class OutputCacheCounting(BacklotMetrics metrics) : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.OutputCacheHit();
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.OutputCacheMiss();
        return ValueTask.CompletedTask;
    }
}
