using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Import;

/// <summary>What an imported WordPress object is called in its source.</summary>
public enum ImportedKind
{
    Post = 0,
    Author = 1,
    Category = 2,
    Tag = 3,
    Comment = 4,
    Attachment = 5,
}

/// <summary>
/// Remembers which Backlot row a WordPress object became, so that importing the same export again
/// updates instead of duplicating. Keys are per source site, as two sites share post ids, term slugs
/// and logins; posts are found by their GUID first, then by site and post id (<see cref="PostMatcher"/>).
/// </summary>
public sealed class ImportRecord
{
    public int Id { get; set; }
    public ImportedKind Kind { get; set; }

    /// <summary>The site the object came from (<see cref="PostMatcher.SiteKeyOf"/>: "example.com/blog"); "" for records made before sites were recorded.</summary>
    public string SourceSite { get; set; } = "";

    /// <summary>The WordPress key: post id, comment "postId:commentId", author login, term slug.</summary>
    public required string SourceKey { get; set; }

    /// <summary>The post's GUID, when it has one.</summary>
    public string? SourceGuid { get; set; }

    /// <summary>The id of the Backlot row (article, comment, author, category, tag, media).</summary>
    public int TargetId { get; set; }

    /// <summary>WordPress's sticky flag: Backlot has no sticky posts yet, so it is kept here and written back on export.</summary>
    public bool WasSticky { get; set; }

    public DateTime ImportedAt { get; set; }
}

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("ImportRecords");
        builder.Property(r => r.SourceSite).HasMaxLength(300);
        builder.Property(r => r.SourceKey).HasMaxLength(300);
        builder.Property(r => r.SourceGuid).HasMaxLength(1000);
        builder.HasIndex(r => new { r.Kind, r.SourceSite, r.SourceKey }).IsUnique();
        builder.HasIndex(r => new { r.Kind, r.SourceGuid });
    }
}
