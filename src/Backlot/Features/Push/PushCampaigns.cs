using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Backlot.Features.Push;

/// <summary>A notification an editor composes in the admin.</summary>
public sealed record PushNotificationDraft
{
    public required string Title { get; init; }
    public string Body { get; init; } = "";

    /// <summary>A path on this site ("/movies/…") or an absolute https URL.</summary>
    public required string Url { get; init; }

    public string? IconUrl { get; init; }
    public string? ImageUrl { get; init; }

    /// <summary><c>site</c>, <c>category:{slug}</c> or <c>work:{slug}</c>; each subscriber of any of them gets it once.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [PushTopics.Site];

    /// <summary>The Topic header (at most 32 base64url characters): a newer message with the same one replaces an undelivered older one.</summary>
    public string? ReplaceTopic { get; init; }

    public int? TtlSeconds { get; init; }
    public PushUrgency Urgency { get; init; } = PushUrgency.Normal;

    /// <summary>UTC; null sends now.</summary>
    public DateTime? ScheduledAt { get; init; }
}

/// <summary>A campaign as the admin lists it.</summary>
public sealed record PushCampaignSummary(
    int Id, int? ArticleId, string Title, string Url, string Topics, PushCampaignStatus Status, DateTime CreatedAt, DateTime ScheduledAt,
    DateTime? CompletedAt, int Queued, int Delivered, int Failed, int Removed, int Clicked, int PossibleDuplicates)
{
    /// <summary>Clicks per delivered notification.</summary>
    public double ClickThrough => Delivered == 0 ? 0 : (double)Clicked / Delivered;
}

public sealed record TopicSubscribers(string Topic, int Subscribers);

/// <summary>Raised when a draft breaks a rule; <see cref="Errors"/> maps each field to what is wrong.</summary>
public sealed class PushValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The notification is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>
/// Queues push campaigns and reports on them: what the admin's compose, preview and campaign
/// screens call, and what publishing an article uses.
/// </summary>
public sealed class PushCampaigns(BacklotDb db, PushSendSignal signal, IOptionsMonitor<PushOptions> options, IMediaStore media, TimeProvider clock)
{
    public const int MaxTtlSeconds = 28 * 24 * 3600;

    /// <summary>The JSON the service worker receives, and its size in bytes; refused over <see cref="WebPushEncryption.MaxPlaintextLength"/>.</summary>
    public (string Json, int Bytes) Preview(PushNotificationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var payload = PushPayload.Serialize(0, draft.Title, draft.Body, draft.Url, draft.IconUrl, draft.ImageUrl);
        return (System.Text.Encoding.UTF8.GetString(payload), payload.Length);
    }

    /// <summary>Validates and queues a custom notification; returns the campaign id.</summary>
    public async Task<int> QueueAsync(PushNotificationDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = Validate(draft);
        if (errors.Count > 0)
        {
            throw new PushValidationException(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = new PushCampaign
        {
            Title = draft.Title.Trim(),
            Body = draft.Body.Trim(),
            Url = draft.Url.Trim(),
            IconUrl = draft.IconUrl,
            ImageUrl = draft.ImageUrl,
            Topics = string.Join(' ', draft.Topics.Distinct(StringComparer.Ordinal)),
            ReplaceTopic = draft.ReplaceTopic,
            TtlSeconds = draft.TtlSeconds ?? options.CurrentValue.DefaultTtlSeconds,
            Urgency = draft.Urgency,
            CreatedAt = now,
            ScheduledAt = draft.ScheduledAt?.ToUniversalTime() ?? now,
        };
        return await AddAsync(campaign, cancellationToken);
    }

    /// <summary>Queues the campaign for an article that just became public; one per article, however often it is republished.</summary>
    internal async Task<int?> QueueForArticleAsync(ArticleChanged change, CancellationToken cancellationToken)
    {
        if (await db.Set<PushCampaign>().AnyAsync(c => c.ArticleId == change.ArticleId, cancellationToken))
        {
            return null;
        }

        var article = await db.Articles.AsNoTracking().Where(a => a.Id == change.ArticleId)
            .Select(a => new
            {
                a.Title,
                a.Dek,
                Category = a.Category.Slug,
                Works = a.Works.Select(w => w.Slug).ToList(),
                Hero = a.HeroMedia == null ? null : new ImageView(a.HeroMedia.StorageKey, a.HeroMedia.OriginalFormat, a.HeroMedia.Width, a.HeroMedia.Height, a.HeroMedia.VariantWidths, a.HeroMedia.AltText),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var title = article.Title.Length > 300 ? article.Title[..300] : article.Title;
        var body = article.Dek.Length > 300 ? article.Dek[..297] + "…" : article.Dek;
        return await AddAsync(new PushCampaign
        {
            ArticleId = change.ArticleId,
            Title = title,
            Body = body,
            Url = change.Path,
            ImageUrl = article.Hero?.Src(media, "jpg"),
            Topics = string.Join(' ', new[] { PushTopics.Site, PushTopics.Category(article.Category) }.Concat(article.Works.Select(PushTopics.Work)).Distinct(StringComparer.Ordinal)),
            ReplaceTopic = null,
            TtlSeconds = options.CurrentValue.DefaultTtlSeconds,
            Urgency = PushUrgency.Normal,
            CreatedAt = now,
            ScheduledAt = now,
        }, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public Task<List<PushCampaignSummary>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        db.Set<PushCampaign>().AsNoTracking()
            .OrderByDescending(c => c.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(c => new PushCampaignSummary(c.Id, c.ArticleId, c.Title, c.Url, c.Topics, c.Status, c.CreatedAt, c.ScheduledAt, c.CompletedAt, c.Queued, c.Delivered, c.Failed, c.Removed, c.Clicked, c.PossibleDuplicates))
            .ToListAsync(cancellationToken);

    public Task<PushCampaignSummary?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Set<PushCampaign>().AsNoTracking().Where(c => c.Id == id)
            .Select(c => new PushCampaignSummary(c.Id, c.ArticleId, c.Title, c.Url, c.Topics, c.Status, c.CreatedAt, c.ScheduledAt, c.CompletedAt, c.Queued, c.Delivered, c.Failed, c.Removed, c.Clicked, c.PossibleDuplicates))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Subscribers per topic, most followed first.</summary>
    public Task<List<TopicSubscribers>> SubscribersPerTopicAsync(CancellationToken cancellationToken) =>
        db.Set<PushSubscriptionTopic>().AsNoTracking()
            .GroupBy(t => t.Topic)
            .Select(g => new { Topic = g.Key, Count = g.Count() })
            .OrderByDescending(t => t.Count).ThenBy(t => t.Topic)
            .Select(t => new TopicSubscribers(t.Topic, t.Count))
            .ToListAsync(cancellationToken);

    /// <summary>Stops a campaign that has not finished; what was sent stays sent.</summary>
    public async Task<bool> CancelAsync(int id, CancellationToken cancellationToken)
    {
        var cancelled = await db.Set<PushCampaign>()
            .Where(c => c.Id == id && (c.Status == PushCampaignStatus.Queued || c.Status == PushCampaignStatus.Sending))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, PushCampaignStatus.Cancelled).SetProperty(c => c.LeaseOwner, (string?)null), cancellationToken) == 1;
        if (cancelled)
        {
            // Its progress is of no use once it will never resume.
            await db.Set<PushCampaignRecipient>().Where(r => r.CampaignId == id).ExecuteDeleteAsync(cancellationToken);
        }

        return cancelled;
    }

    /// <summary>Counts a click reported by the service worker.</summary>
    public async Task<bool> CountClickAsync(int id, CancellationToken cancellationToken) =>
        await db.Set<PushCampaign>().Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Clicked, c => c.Clicked + 1), cancellationToken) == 1;

    private async Task<int> AddAsync(PushCampaign campaign, CancellationToken cancellationToken)
    {
        var topics = campaign.TopicList.ToList();
        campaign.Queued = await db.Set<PushSubscription>().CountAsync(s => s.Topics.Any(t => topics.Contains(t.Topic)), cancellationToken);
        db.Set<PushCampaign>().Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return campaign.Id;
    }

    internal static Dictionary<string, string[]> Validate(PushNotificationDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            errors["Title"] = ["A title is required."];
        }
        else if (draft.Title.Trim().Length > 300)
        {
            errors["Title"] = ["The title is longer than 300 characters."];
        }

        if (draft.Body.Length > 2000)
        {
            errors["Body"] = ["The text is longer than 2,000 characters."];
        }

        if (!IsClickTarget(draft.Url))
        {
            errors["Url"] = ["The link must be a path on this site (/…) or an https URL."];
        }

        if (draft.IconUrl is not null && !IsClickTarget(draft.IconUrl))
        {
            errors["IconUrl"] = ["The icon must be a path on this site or an https URL."];
        }

        if (draft.ImageUrl is not null && !IsClickTarget(draft.ImageUrl))
        {
            errors["ImageUrl"] = ["The image must be a path on this site or an https URL."];
        }

        if (draft.Topics.Count == 0 || draft.Topics.Any(t => !PushTopics.IsValid(t)))
        {
            errors["Topics"] = ["Choose at least one topic: \"site\", \"category:{slug}\" or \"work:{slug}\"."];
        }

        if (draft.ReplaceTopic is { } topic && (topic.Length is 0 or > 32 || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors["ReplaceTopic"] = ["The Topic header is 1 to 32 base64url characters (letters, digits, - and _)."];
        }

        if (draft.TtlSeconds is < 0 or > MaxTtlSeconds)
        {
            errors["TtlSeconds"] = [$"The time to live is between 0 and {MaxTtlSeconds} seconds (28 days)."];
        }

        if (!Enum.IsDefined(draft.Urgency))
        {
            errors["Urgency"] = ["Urgency is VeryLow, Low, Normal or High."];
        }

        var size = PushPayload.Serialize(int.MaxValue, draft.Title, draft.Body, draft.Url, draft.IconUrl, draft.ImageUrl).Length;
        if (size > WebPushEncryption.MaxPlaintextLength)
        {
            errors["Body"] = [$"The notification is {size} bytes; a push message holds at most {WebPushEncryption.MaxPlaintextLength}. Shorten the text."];
        }

        return errors;
    }

    private static bool IsClickTarget(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps));
}

/// <summary>What the service worker receives: JSON it shows as a notification.</summary>
internal static class PushPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Serialize(int campaignId, string title, string body, string url, string? icon, string? image) =>
        JsonSerializer.SerializeToUtf8Bytes(new Message(title.Trim(), body.Trim(), url.Trim(), icon, image, campaignId), Json);

    internal sealed record Message(string Title, string Body, string Url, string? Icon, string? Image, int Campaign);
}
