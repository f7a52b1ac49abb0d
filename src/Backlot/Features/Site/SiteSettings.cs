using System.Globalization;
using Backlot.Data;
using Backlot.Infrastructure.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Site;

/// <summary>The settings editors change in the admin; each falls back to configuration (<see cref="SiteOptions"/>).</summary>
public sealed record SiteProfile
{
    public required string Title { get; init; }
    public required string Tagline { get; init; }
    public string? BaseUrl { get; init; }
    public int? LogoMediaId { get; init; }

    /// <summary>The logo's URL, resolved from <see cref="LogoMediaId"/> when the settings are read; null without a logo.</summary>
    public string? LogoUrl { get; init; }
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Comments close this many days after publishing; 0 never closes them.</summary>
    public int CommentsCloseAfterDays { get; init; } = 30;

    /// <summary>How deep replies nest; a reply to a comment at this depth joins its parent's thread.</summary>
    public int CommentThreadDepth { get; init; } = 5;

    /// <summary>One word or phrase per line; a comment containing one (in any field) is held as spam.</summary>
    public string CommentBlockedWords { get; init; } = "";

    /// <summary>One email address, or @domain, per line.</summary>
    public string CommentBlockedEmails { get; init; } = "";

    /// <summary>One IP address or CIDR range per line.</summary>
    public string CommentBlockedNetworks { get; init; } = "";

    public string PushPromptText { get; init; } = "Get real-time updates on your device";
    public bool BlockPublishingOnListicleWarnings { get; init; }

    public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>A UTC instant in the site's time zone, for display and for the editor's datetime fields.</summary>
    public DateTime ToSiteTime(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    /// <summary>A wall-clock time in the site's time zone, as UTC.</summary>
    public DateTime FromSiteTime(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeZone);
}

/// <summary>
/// Reads and saves <see cref="SiteProfile"/>. Held in memory for a minute; saving evicts it on every
/// instance (through Redis when configured, else within the minute) and evicts every cached page.
/// </summary>
public sealed class SiteSettings(IServiceScopeFactory scopes, IMemoryCache memory, SharedMemoryEntries shared, IOptions<SiteOptions> options, PublicPageCache cache, Media.IMediaStore media)
{
    private const string CacheKey = "site:settings";
    private const string Prefix = "site:";

    public SiteProfile Current => memory.GetOrCreate(CacheKey, entry =>
    {
        entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
        shared.Made(CacheKey);
        return Load();
    })!;

    public async Task SaveAsync(SiteProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var values = new Dictionary<string, string>
        {
            [nameof(SiteProfile.Title)] = profile.Title,
            [nameof(SiteProfile.Tagline)] = profile.Tagline,
            [nameof(SiteProfile.BaseUrl)] = profile.BaseUrl ?? "",
            [nameof(SiteProfile.LogoMediaId)] = profile.LogoMediaId?.ToString(CultureInfo.InvariantCulture) ?? "",
            [nameof(SiteProfile.TimeZoneId)] = profile.TimeZoneId,
            [nameof(SiteProfile.CommentsCloseAfterDays)] = profile.CommentsCloseAfterDays.ToString(CultureInfo.InvariantCulture),
            [nameof(SiteProfile.CommentThreadDepth)] = profile.CommentThreadDepth.ToString(CultureInfo.InvariantCulture),
            [nameof(SiteProfile.CommentBlockedWords)] = profile.CommentBlockedWords,
            [nameof(SiteProfile.CommentBlockedEmails)] = profile.CommentBlockedEmails,
            [nameof(SiteProfile.CommentBlockedNetworks)] = profile.CommentBlockedNetworks,
            [nameof(SiteProfile.PushPromptText)] = profile.PushPromptText,
            [nameof(SiteProfile.BlockPublishingOnListicleWarnings)] = profile.BlockPublishingOnListicleWarnings ? "true" : "false",
        };

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            var keys = values.Keys.Select(k => Prefix + k).ToList();
            var existing = await db.Set<SiteSetting>().AsTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
            foreach (var (key, value) in values)
            {
                if (existing.TryGetValue(Prefix + key, out var row))
                {
                    row.Value = value;
                }
                else
                {
                    db.Set<SiteSetting>().Add(new SiteSetting { Key = Prefix + key, Value = value });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        shared.Evict(CacheKey);
        await cache.EvictAllAsync(cancellationToken);
    }

    private SiteProfile Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var stored = db.Set<SiteSetting>().AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionary(s => s.Key[Prefix.Length..], s => s.Value);
        string? Get(string key) => stored.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
        var o = options.Value;
        var logoId = int.TryParse(Get(nameof(SiteProfile.LogoMediaId)), CultureInfo.InvariantCulture, out var logo) ? logo : (int?)null;
        var logoFile = logoId is null ? null : db.Media.AsNoTracking().Where(m => m.Id == logoId).Select(m => new { m.StorageKey, m.VariantWidths }).FirstOrDefault();
        return new SiteProfile
        {
            Title = Get(nameof(SiteProfile.Title)) ?? o.Title,
            Tagline = Get(nameof(SiteProfile.Tagline)) ?? o.Tagline,
            BaseUrl = Get(nameof(SiteProfile.BaseUrl)) ?? o.BaseUrl,
            LogoMediaId = logoId,
            LogoUrl = logoFile is null ? null : media.UrlOf(logoFile.StorageKey, $"{logoFile.VariantWidths.Min()}.webp"),
            TimeZoneId = Get(nameof(SiteProfile.TimeZoneId)) ?? "UTC",
            CommentsCloseAfterDays = int.TryParse(Get(nameof(SiteProfile.CommentsCloseAfterDays)), CultureInfo.InvariantCulture, out var days) ? days : 30,
            CommentThreadDepth = int.TryParse(Get(nameof(SiteProfile.CommentThreadDepth)), CultureInfo.InvariantCulture, out var depth) ? depth : 5,
            CommentBlockedWords = Get(nameof(SiteProfile.CommentBlockedWords)) ?? "",
            CommentBlockedEmails = Get(nameof(SiteProfile.CommentBlockedEmails)) ?? "",
            CommentBlockedNetworks = Get(nameof(SiteProfile.CommentBlockedNetworks)) ?? "",
            PushPromptText = Get(nameof(SiteProfile.PushPromptText)) ?? "Get real-time updates on your device",
            BlockPublishingOnListicleWarnings = Get(nameof(SiteProfile.BlockPublishingOnListicleWarnings)) == "true",
        };
    }
}
