using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Articles;

/// <summary>A snapshot of an article as it was after one save; the admin lists, diffs and restores them.</summary>
public sealed class Revision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? SavedBy { get; set; }

    /// <summary>The article and its items as JSON (the <see cref="ArticleDraft"/> that was saved).</summary>
    public required string Snapshot { get; set; }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.Property(r => r.SavedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}
