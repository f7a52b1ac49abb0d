using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Authors;

/// <summary>The public byline of a writer; accounts (sign-in) link to an author.</summary>
public sealed class Author
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";
}

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(Taxonomy.Slug.MaxLength);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Bio).HasMaxLength(4000);
        builder.HasIndex(a => a.Slug).IsUnique();
    }
}
