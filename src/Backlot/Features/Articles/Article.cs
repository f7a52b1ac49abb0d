using Backlot.Features.Authors;
using Backlot.Features.Media;
using Backlot.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Articles;

public enum ArticleKind
{
    Story = 0,
    Listicle = 1,
}

public enum ArticleStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
    Archived = 3,
}

/// <summary>A story or a listicle. Its URL is /{category slug}/{slug}.</summary>
public sealed class Article
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string Dek { get; set; } = "";

    /// <summary>Markdown as the editor wrote it.</summary>
    public string Body { get; set; } = "";

    /// <summary>
    /// <see cref="Body"/> rendered and sanitized when saved, so that an uncached page view
    /// never runs Markdown or the sanitizer.
    /// </summary>
    public string BodyHtml { get; set; } = "";

    public ArticleKind Kind { get; set; }
    public ArticleStatus Status { get; set; }

    /// <summary>UTC; for a scheduled article, the moment it goes live.</summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts saves; each save keeps a <see cref="Revision"/>.</summary>
    public int RevisionNumber { get; set; }

    public int AuthorId { get; set; }
    public Author Author { get; set; } = null!;
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public int? HeroMediaId { get; set; }
    public MediaAsset? HeroMedia { get; set; }

    public string? SeoTitle { get; set; }
    public string? SeoDescription { get; set; }
    public bool NotifySubscribers { get; set; } = true;

    /// <summary>Closed by an editor: no new comments, whatever the site's closing age.</summary>
    public bool CommentsClosed { get; set; }

    public List<ListItem> Items { get; set; } = [];
    public List<Tag> Tags { get; set; } = [];
    public List<Work> Works { get; set; } = [];
    public List<Person> People { get; set; } = [];
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(Slug.MaxLength);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Dek).HasMaxLength(1000);
        builder.Property(a => a.SeoTitle).HasMaxLength(300);
        builder.Property(a => a.SeoDescription).HasMaxLength(1000);
        builder.HasIndex(a => new { a.CategoryId, a.Slug }).IsUnique();
        builder.HasIndex(a => new { a.Status, a.PublishedAt });
        builder.HasOne(a => a.Author).WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Category).WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.HeroMedia).WithMany().HasForeignKey(a => a.HeroMediaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Items).WithOne().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Tags).WithMany().UsingEntity("ArticleTags");
        builder.HasMany(a => a.Works).WithMany().UsingEntity("ArticleWorks");
        builder.HasMany(a => a.People).WithMany().UsingEntity("ArticlePeople");
    }
}
