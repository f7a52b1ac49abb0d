using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Discovery;

public enum RelatedSource
{
    /// <summary>Chosen by <see cref="RelatedStories"/> from shared works, people, tags, category and text.</summary>
    Computed = 0,

    /// <summary>Chosen by an editor; pins come before computed stories, in <see cref="RelatedStory.Rank"/> order.</summary>
    Pinned = 1,

    /// <summary>Ruled out by an editor; never shown and never computed for this article.</summary>
    Excluded = 2,
}

/// <summary>
/// One story shown (or, when excluded, never shown) as related to an article. Computed rows are
/// replaced whenever the article or a neighbour changes; pins and exclusions stay until an editor
/// removes them. One row per pair, so a story is never both pinned and computed.
/// </summary>
public sealed class RelatedStory
{
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;
    public int RelatedArticleId { get; set; }
    public Article Related { get; set; } = null!;
    public RelatedSource Source { get; set; }

    /// <summary>Order among rows of the same source, from 0.</summary>
    public int Rank { get; set; }

    /// <summary>The computed score (0 for pins and exclusions): kept to explain an order to an editor.</summary>
    public double Score { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class RelatedStoryConfiguration : IEntityTypeConfiguration<RelatedStory>
{
    public void Configure(EntityTypeBuilder<RelatedStory> builder)
    {
        builder.ToTable("RelatedStories");
        builder.HasKey(r => new { r.ArticleId, r.RelatedArticleId });
        builder.HasIndex(r => r.RelatedArticleId);
        builder.HasOne(r => r.Article).WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Related).WithMany().HasForeignKey(r => r.RelatedArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
