using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Comments;

public enum CommentStatus
{
    Pending = 0,
    Approved = 1,
    Spam = 2,
    Trash = 3,
}

/// <summary>
/// A reader's comment on an article. <see cref="AuthorEmail"/> and <see cref="IpHash"/> are private:
/// they never appear in a public response. Posted through <see cref="CommentPosting"/>, moderated
/// through <see cref="CommentModeration"/>, shown by <see cref="CommentThreads"/>.
/// </summary>
public sealed class Comment
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article Article { get; set; } = null!;

    /// <summary>The comment this one answers, for threads.</summary>
    public int? ParentId { get; set; }
    public Comment? Parent { get; set; }

    public required string AuthorName { get; set; }

    /// <summary>Private.</summary>
    public string AuthorEmail { get; set; } = "";

    public string AuthorWebsite { get; set; } = "";

    /// <summary>Plain text; links are made when it is shown.</summary>
    public required string Body { get; set; }

    public CommentStatus Status { get; set; }

    /// <summary>Private: a keyed hash of the commenter's IP address (<see cref="CommentHashes"/>), never the address itself.</summary>
    public string IpHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When it was last approved: the order of the live stream, and what a reconnecting reader has missed.</summary>
    public DateTime? ApprovedAt { get; set; }

    /// <summary>Why the spam checks held it, for the moderator; empty when nothing was suspicious.</summary>
    public string HeldReason { get; set; } = "";

    /// <summary>Article, normalised email and text, hashed: the same comment posted twice is stored once. Null for imported comments.</summary>
    public string? DuplicateKey { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.AuthorName).HasMaxLength(200);
        builder.Property(c => c.AuthorEmail).HasMaxLength(320);
        builder.Property(c => c.AuthorWebsite).HasMaxLength(1000);
        builder.Property(c => c.IpHash).HasMaxLength(64);
        builder.Property(c => c.HeldReason).HasMaxLength(500);
        builder.Property(c => c.DuplicateKey).HasMaxLength(64);
        builder.HasIndex(c => new { c.ArticleId, c.Status, c.CreatedAt });
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
        builder.HasIndex(c => c.AuthorEmail);
        builder.HasIndex(c => c.DuplicateKey).IsUnique().HasFilter("\"DuplicateKey\" IS NOT NULL");
        builder.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
