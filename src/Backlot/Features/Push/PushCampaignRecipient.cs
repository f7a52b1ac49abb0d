using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Push;

public enum PushRecipientState
{
    /// <summary>A message may be on its way and no answer is recorded yet: after an interruption it is sent again, and may arrive twice.</summary>
    Sending = 0,
    Delivered = 1,
    Failed = 2,

    /// <summary>The push service said the subscription is gone; it was deleted.</summary>
    Removed = 3,
}

/// <summary>
/// The progress of one campaign to one subscriber beyond the campaign's cursor: written as
/// <see cref="PushRecipientState.Sending"/> before the message goes out and set to its outcome
/// with the campaign's counts in the same transaction, so a resumed or retaken campaign skips
/// everyone with an outcome and sends again only to those still marked sending. Rows at or below
/// the cursor are deleted as it moves (every subscriber up to it has an outcome), so the table
/// holds about one batch per running campaign, whatever the number of subscribers.
/// </summary>
/// <remarks>
/// Keyed by campaign and subscription, not by worker or batch, so it stays true when one
/// campaign is split into id ranges that several workers claim.
/// </remarks>
public sealed class PushCampaignRecipient
{
    public int CampaignId { get; set; }
    public long SubscriptionId { get; set; }
    public PushRecipientState State { get; set; }
}

internal sealed class PushCampaignRecipientConfiguration : IEntityTypeConfiguration<PushCampaignRecipient>
{
    public void Configure(EntityTypeBuilder<PushCampaignRecipient> builder)
    {
        builder.HasKey(r => new { r.CampaignId, r.SubscriptionId });
        builder.HasOne<PushCampaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
