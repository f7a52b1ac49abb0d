using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Discovery;

/// <summary>
/// The searchable text of one published or scheduled article, as plain text. The full-text index
/// is built over this table by the database: an FTS5 table kept in step by triggers on SQLite, a
/// generated tsvector column with a GIN index on PostgreSQL (both created in the migration).
/// </summary>
public sealed class SearchDocument
{
    public int ArticleId { get; set; }
    public string Title { get; set; } = "";
    public string Dek { get; set; } = "";

    /// <summary>Body and listicle items (headings, captions, text), without markup.</summary>
    public string Text { get; set; } = "";

    /// <summary>Works, people and tags, so "Kubrick" finds an article tagged with him.</summary>
    public string Names { get; set; } = "";

    public int CategoryId { get; set; }
    public ArticleKind Kind { get; set; }

    /// <summary>Searches show only documents whose time has come, so a scheduled article appears on time.</summary>
    public DateTime PublishedAt { get; set; }
}

/// <summary>A name of a work or person, for typo-tolerant matching through a trigram index.</summary>
public sealed class SearchName
{
    public int Id { get; set; }
    public required string Name { get; set; }
}

internal sealed class SearchDocumentConfiguration : IEntityTypeConfiguration<SearchDocument>
{
    /// <summary>Named in SQLite queries (INDEXED BY), which must not fall back to reading whole rows.</summary>
    public const string FilterIndex = "IX_SearchDocuments_Filter";

    public void Configure(EntityTypeBuilder<SearchDocument> builder)
    {
        builder.ToTable("SearchDocuments");
        builder.HasKey(d => d.ArticleId);
        builder.Property(d => d.ArticleId).ValueGeneratedNever();
        builder.HasOne<Article>().WithOne().HasForeignKey<SearchDocument>(d => d.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.PublishedAt);

        // Narrow and covering: SQLite checks a match's date, section and kind here instead of reading
        // the wide row (its text) for every match, which made a search read thousands of pages.
        builder.HasIndex(d => new { d.ArticleId, d.PublishedAt, d.CategoryId, d.Kind }).HasDatabaseName(FilterIndex);

        // The newest public articles of a section (related stories' section candidates), without reading rows.
        builder.HasIndex(d => new { d.CategoryId, d.PublishedAt });
    }
}

internal sealed class SearchNameConfiguration : IEntityTypeConfiguration<SearchName>
{
    public void Configure(EntityTypeBuilder<SearchName> builder)
    {
        builder.ToTable("SearchNames");
        builder.Property(n => n.Name).HasMaxLength(300);
        builder.HasIndex(n => n.Name).IsUnique();
    }
}
