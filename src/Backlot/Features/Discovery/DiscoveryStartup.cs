using Backlot.Data;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Discovery;

/// <summary>
/// Fills the search index and related stories at start when they are empty but articles exist:
/// a site upgraded to this version, or a database restored without them.
/// </summary>
internal sealed class DiscoveryStartup(IServiceScopeFactory scopes, ILogger<DiscoveryStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        if (!await db.Articles.AnyAsync(cancellationToken))
        {
            return;
        }

        if (!await db.SearchDocuments.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<SearchIndexWriter>().RebuildAsync(cancellationToken);
            log.LogInformation("Search index rebuilt");
        }

        if (!await db.RelatedStories.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<RelatedStories>().RebuildAsync(cancellationToken);
            log.LogInformation("Related stories computed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
