using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Articles;

/// <summary>An old path that answers 301 with a new one: kept when a published slug changes, and for imported WordPress URLs.</summary>
public sealed class Redirect
{
    public int Id { get; set; }

    /// <summary>Path only, starting with "/", without query or trailing slash (except "/" itself).</summary>
    public required string FromPath { get; set; }

    public required string ToPath { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Normalises a request path the way <see cref="FromPath"/> is stored: lowercase, no trailing slash.</summary>
    public static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return trimmed.Length == 0 ? "/" : trimmed.ToLowerInvariant();
    }

    /// <summary>
    /// How a WordPress "?p=123" or "?page_id=123" link is stored: its folder, normalized, then "/?key=id":
    /// "/?p=123" at the site's root, "/blog/?p=123" for a site installed in /blog.
    /// </summary>
    public static string WordPressIdPath(string folder, string key, string id)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var normalized = NormalizePath(folder);
        return $"{(normalized == "/" ? "" : normalized)}/?{key}={id}";
    }
}

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> builder)
    {
        builder.Property(r => r.FromPath).HasMaxLength(1000);
        builder.Property(r => r.ToPath).HasMaxLength(1000);
        builder.HasIndex(r => r.FromPath).IsUnique();
    }
}
