using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Taxonomy;

public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Slug).HasMaxLength(Slug.MaxLength);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Slug).IsUnique();
    }
}
