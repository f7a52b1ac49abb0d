using Backlot.Features.Authors;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Accounts;

/// <summary>Someone who signs in to the admin. Writers are linked to the <see cref="Author"/> byline they publish under.</summary>
public sealed class BacklotUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public int? AuthorId { get; set; }
    public Author? Author { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class BacklotUserConfiguration : IEntityTypeConfiguration<BacklotUser>
{
    public void Configure(EntityTypeBuilder<BacklotUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.HasOne(u => u.Author).WithMany().HasForeignKey(u => u.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
