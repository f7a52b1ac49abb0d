using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Backlot.Features.Site;

/// <summary>
/// The header's sections, read once and kept in memory: every page shows them, few edits change them.
/// Evicted on every instance with every public page (<see cref="PublicPageCache.EvictAllAsync"/>).
/// </summary>
public sealed class SiteNavigation(IServiceScopeFactory scopes, IMemoryCache memory, SharedMemoryEntries shared)
{
    private const string Key = "site:navigation";

    public async Task<IReadOnlyList<NamedLink>> SectionsAsync()
    {
        if (memory.TryGetValue(Key, out IReadOnlyList<NamedLink>? sections) && sections is not null)
        {
            return sections;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        sections = await db.Categories.AsNoTracking()
            .Where(c => c.ParentId == null)
            .OrderBy(c => c.Id)
            .Select(c => new NamedLink(c.Slug, c.Name))
            .ToListAsync();
        shared.Made(Key);
        memory.Set(Key, sections, TimeSpan.FromMinutes(5));
        return sections;
    }

    /// <summary>Evicts the sections here and on every other instance.</summary>
    public void Invalidate() => shared.Evict(Key);
}
