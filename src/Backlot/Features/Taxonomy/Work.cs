using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Taxonomy;

/// <summary>A film, series or episode that articles and listicle items are about.</summary>
public sealed class Work
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public WorkKind Kind { get; set; }
    public int? Year { get; set; }

    /// <summary>Other names readers and editors use ("Batman: The Dark Knight"); the listicle checks accept them as headings.</summary>
    public List<string> AlternateTitles { get; set; } = [];

    public string Summary { get; set; } = "";
}

internal sealed class WorkConfiguration : IEntityTypeConfiguration<Work>
{
    public void Configure(EntityTypeBuilder<Work> builder)
    {
        builder.Property(w => w.Slug).HasMaxLength(Slug.MaxLength);
        builder.Property(w => w.Title).HasMaxLength(300);
        builder.Property(w => w.Summary).HasMaxLength(4000);
        builder.HasIndex(w => w.Slug).IsUnique();
    }
}
