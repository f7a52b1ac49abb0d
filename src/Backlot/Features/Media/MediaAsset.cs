using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Backlot.Features.Media;

/// <summary>An image: its original and responsive variants live in the <see cref="IMediaStore"/> under <see cref="StorageKey"/>.</summary>
public sealed class MediaAsset
{
    public int Id { get; set; }

    /// <summary>Generated at upload; never taken from the uploaded file's name.</summary>
    public required string StorageKey { get; set; }

    /// <summary>The original's file extension without a dot: "jpg", "png", "webp".</summary>
    public required string OriginalFormat { get; set; }

    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }

    /// <summary>Variant widths generated (each as WebP and JPEG); never wider than the original.</summary>
    public List<int> VariantWidths { get; set; } = [];

    public string AltText { get; set; } = "";
    public string Caption { get; set; } = "";
    public string Credit { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The user who uploaded it; null for imported and demo images (and after the user's removal), which only Editors may edit.</summary>
    public string? UploadedById { get; set; }
}

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable("Media");
        builder.Property(m => m.StorageKey).HasMaxLength(64);
        builder.Property(m => m.OriginalFormat).HasMaxLength(8);
        builder.Property(m => m.AltText).HasMaxLength(1000);
        builder.Property(m => m.Caption).HasMaxLength(2000);
        builder.Property(m => m.Credit).HasMaxLength(300);
        builder.HasIndex(m => m.StorageKey).IsUnique();
        builder.HasOne<Accounts.BacklotUser>().WithMany().HasForeignKey(m => m.UploadedById).OnDelete(DeleteBehavior.SetNull);
    }
}
