using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Taxonomy;

/// <summary>Someone articles are about: an actor, a director, a crew member.</summary>
public sealed class Person
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Bio { get; set; } = "";
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.Slug).HasMaxLength(Slug.MaxLength);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Bio).HasMaxLength(4000);
        builder.HasIndex(p => p.Slug).IsUnique();
    }
}
