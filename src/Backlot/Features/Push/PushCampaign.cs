using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Push;

public enum PushCampaignStatus
{
    /// <summary>Waiting for its time or for a worker.</summary>
    Queued = 0,
    Sending = 1,
    Completed = 2,
    Cancelled = 3,
}

/// <summary>RFC 8030 urgency: how eagerly a push service wakes a device on battery.</summary>
public enum PushUrgency
{
    VeryLow = 0,
    Low = 1,
    Normal = 2,
    High = 3,
}

/// <summary>
/// One notification sent to every subscriber of its topics. <see cref="Cursor"/> is the last
/// subscription id up to which every subscriber has a recorded outcome; beyond it,
/// <see cref="PushCampaignRecipient"/> rows say who has one, so a worker that stops resumes
/// without sending again to anyone whose message is known to have arrived.
/// </summary>
public sealed class PushCampaign
{
    public int Id { get; set; }

    /// <summary>The article whose publication queued it; null for a custom notification.</summary>
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }

    public required string Title { get; set; }
    public string Body { get; set; } = "";

    /// <summary>Where a click goes: a path on this site ("/movies/…") or an absolute https URL.</summary>
    public required string Url { get; set; }

    public string? IconUrl { get; set; }
    public string? ImageUrl { get; set; }

    /// <summary>The subscriber topics it goes to, space-separated (<c>site category:movies work:the-shining</c>).</summary>
    public required string Topics { get; set; }

    /// <summary>The RFC 8030 Topic header: a newer message with the same one replaces an undelivered older one.</summary>
    public string? ReplaceTopic { get; set; }

    public int TtlSeconds { get; set; }
    public PushUrgency Urgency { get; set; } = PushUrgency.Normal;
    public PushCampaignStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ScheduledAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

    public long Cursor { get; set; }

    /// <summary>The worker sending it and until when its claim holds; another worker takes over after that.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>Subscribers of its topics when it was queued.</summary>
    public int Queued { get; set; }
    public int Delivered { get; set; }
    public int Failed { get; set; }

    /// <summary>Subscriptions deleted because the push service said they are gone (404, 410).</summary>
    public int Removed { get; set; }
    public int Clicked { get; set; }

    /// <summary>
    /// Messages delivered to subscribers who had been sent one before an interruption that left
    /// no answer recorded (a crash, a lost lease): at most this many readers got it twice.
    /// </summary>
    public int PossibleDuplicates { get; set; }

    public IReadOnlyList<string> TopicList => Topics.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class PushCampaignConfiguration : IEntityTypeConfiguration<PushCampaign>
{
    public void Configure(EntityTypeBuilder<PushCampaign> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Body).HasMaxLength(2000);
        builder.Property(c => c.Url).HasMaxLength(2000);
        builder.Property(c => c.IconUrl).HasMaxLength(2000);
        builder.Property(c => c.ImageUrl).HasMaxLength(2000);
        builder.Property(c => c.Topics).HasMaxLength(4000);
        builder.Property(c => c.ReplaceTopic).HasMaxLength(32);
        builder.Property(c => c.LeaseOwner).HasMaxLength(200);
        builder.HasIndex(c => new { c.Status, c.ScheduledAt });
        builder.HasIndex(c => c.ArticleId);
        builder.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(c => c.TopicList);
    }
}
