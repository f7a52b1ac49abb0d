using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Accounts;

/// <summary>
/// One signed-in browser, kept in the database so that every instance agrees: the cookie carries
/// only <see cref="Id"/>, and deleting the row (sign-out, or the user's removal) ends the session
/// everywhere, even for a copy of the cookie.
/// </summary>
public sealed class UserSession
{
    /// <summary>Random, 256 bits, base64url.</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.HasOne<BacklotUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
    }
}
