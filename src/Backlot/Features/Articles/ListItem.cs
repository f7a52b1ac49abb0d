using Backlot.Features.Media;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Articles;

/// <summary>One numbered entry of a listicle. Items are rows, so order, count, anchors and ItemList JSON-LD come from data, not HTML.</summary>
public sealed class ListItem
{
    public int Id { get; set; }
    public int ArticleId { get; set; }

    /// <summary>1-based; the number readers see and the anchor "#item-{Position}".</summary>
    public int Position { get; set; }

    public required string Heading { get; set; }
    public int? MediaId { get; set; }
    public MediaAsset? Media { get; set; }
    public string Caption { get; set; } = "";
    public string Credit { get; set; } = "";
    public string Body { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public int? WorkId { get; set; }
    public Work? Work { get; set; }
}

internal sealed class ListItemConfiguration : IEntityTypeConfiguration<ListItem>
{
    public void Configure(EntityTypeBuilder<ListItem> builder)
    {
        builder.Property(i => i.Heading).HasMaxLength(300);
        builder.Property(i => i.Caption).HasMaxLength(2000);
        builder.Property(i => i.Credit).HasMaxLength(300);
        builder.HasIndex(i => new { i.ArticleId, i.Position });
        builder.HasIndex(i => i.WorkId);
        builder.HasOne(i => i.Media).WithMany().HasForeignKey(i => i.MediaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Work).WithMany().HasForeignKey(i => i.WorkId).OnDelete(DeleteBehavior.SetNull);
    }
}
