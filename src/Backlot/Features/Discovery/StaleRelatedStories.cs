using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Discovery;

/// <summary>
/// An article whose related stories need computing again because a neighbour changed: the durable
/// queue <see cref="RelatedRefresher"/> drains, so an editor's save does not wait for up to
/// <see cref="RelatedStories.MaxAffected"/> recomputations and nothing is lost on a restart.
/// </summary>
public sealed class StaleRelatedStories
{
    public int ArticleId { get; set; }

    /// <summary>When the article was first marked since it was last computed; the oldest go first.</summary>
    public DateTime StaleSince { get; set; }

    /// <summary>
    /// Bumped on every mark. A worker removes the row only if it is unchanged since its claim, so a
    /// change that lands while the article is being computed is computed again.
    /// </summary>
    public int Generation { get; set; }

    /// <summary>A worker's lease: others skip the row until then; after it (a crashed worker) anyone may take it.</summary>
    public DateTime? ClaimedUntil { get; set; }
}

internal sealed class StaleRelatedStoriesConfiguration : IEntityTypeConfiguration<StaleRelatedStories>
{
    public void Configure(EntityTypeBuilder<StaleRelatedStories> builder)
    {
        builder.ToTable("StaleRelatedStories");
        builder.HasKey(s => s.ArticleId);
        builder.Property(s => s.ArticleId).ValueGeneratedNever();
        builder.HasOne<Article>().WithOne().HasForeignKey<StaleRelatedStories>(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.StaleSince);
    }
}
