using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Push;

/// <summary>One browser on one device that agreed to receive notifications, with the keys its push messages are encrypted to.</summary>
public sealed class PushSubscription
{
    public long Id { get; set; }

    /// <summary>The push service URL the browser handed out; a capability, so it never appears in a public response.</summary>
    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key, uncompressed, base64url (RFC 8291 "ua_public").</summary>
    public required string P256dh { get; set; }

    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastSuccessAt { get; set; }

    /// <summary>Failed deliveries since the last success.</summary>
    public int FailureCount { get; set; }

    public List<PushSubscriptionTopic> Topics { get; set; } = [];
}

/// <summary>A topic a subscription follows: <c>site</c>, <c>category:{slug}</c> or <c>work:{slug}</c>.</summary>
public sealed class PushSubscriptionTopic
{
    public long SubscriptionId { get; set; }
    public required string Topic { get; set; }
}

internal sealed class PushSubscriptionConfiguration : IEntityTypeConfiguration<PushSubscription>
{
    public void Configure(EntityTypeBuilder<PushSubscription> builder)
    {
        builder.Property(s => s.Endpoint).HasMaxLength(SubscriptionRequest.MaxEndpointLength);
        builder.Property(s => s.P256dh).HasMaxLength(100);
        builder.Property(s => s.Auth).HasMaxLength(40);
        builder.HasIndex(s => s.Endpoint).IsUnique();
        builder.HasMany(s => s.Topics).WithOne().HasForeignKey(t => t.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PushSubscriptionTopicConfiguration : IEntityTypeConfiguration<PushSubscriptionTopic>
{
    public void Configure(EntityTypeBuilder<PushSubscriptionTopic> builder)
    {
        builder.HasKey(t => new { t.SubscriptionId, t.Topic });
        builder.Property(t => t.Topic).HasMaxLength(PushTopics.MaxLength);

        // The sender's keyset query: subscriptions of these topics, in id order, after the cursor.
        builder.HasIndex(t => new { t.Topic, t.SubscriptionId });
    }
}
