using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Backlot.Features.Articles.Admin;

/// <summary>The editor form as posted: everything about an article, items included, in the shape the browser sends it.</summary>
public sealed class ArticleForm
{
    [Required(ErrorMessage = "A title is required.")]
    [StringLength(300, ErrorMessage = "The title is longer than 300 characters.")]
    public string Title { get; set; } = "";

    [StringLength(100, ErrorMessage = "The slug is longer than 100 characters.")]
    public string? Slug { get; set; }

    [StringLength(1000, ErrorMessage = "The dek is longer than 1,000 characters.")]
    public string? Dek { get; set; }

    [StringLength(200_000, ErrorMessage = "The body is longer than 200,000 characters.")]
    public string? Body { get; set; }

    public ArticleKind Kind { get; set; }
    public ArticleStatus Status { get; set; }

    /// <summary>Wall-clock time in the site's time zone, as a datetime-local field sends it ("2026-11-24T18:30").</summary>
    public string? PublishAt { get; set; }

    [Range(1, int.MaxValue, ErrorMessage = "Choose a category.")]
    public int CategoryId { get; set; }

    public int? AuthorId { get; set; }
    public int? HeroMediaId { get; set; }

    [StringLength(300, ErrorMessage = "The SEO title is longer than 300 characters.")]
    public string? SeoTitle { get; set; }

    [StringLength(1000, ErrorMessage = "The SEO description is longer than 1,000 characters.")]
    public string? SeoDescription { get; set; }

    public bool NotifySubscribers { get; set; } = true;

    public bool CommentsClosed { get; set; }

    /// <summary>Tag names separated by commas; unknown ones are created.</summary>
    [StringLength(2000)]
    public string? Tags { get; set; }

    public List<int> WorkIds { get; set; } = [];
    public List<int> PersonIds { get; set; } = [];
    public List<ItemForm> Items { get; set; } = [];

    public const string DateTimeLocalFormat = "yyyy-MM-ddTHH:mm";

    public bool TryReadPublishAt(out DateTime? local)
    {
        local = null;
        if (string.IsNullOrWhiteSpace(PublishAt))
        {
            return true;
        }

        var ok = DateTime.TryParseExact(PublishAt.Trim(), [DateTimeLocalFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        local = ok ? parsed : null;
        return ok;
    }
}

public sealed class ItemForm
{
    [StringLength(300, ErrorMessage = "The heading is longer than 300 characters.")]
    public string? Heading { get; set; }

    [StringLength(50_000)]
    public string? Body { get; set; }

    public int? MediaId { get; set; }

    [StringLength(2000)]
    public string? Caption { get; set; }

    [StringLength(300)]
    public string? Credit { get; set; }

    public int? WorkId { get; set; }

    /// <summary>An image uploaded in place with this item; checked and stored before the article is saved.</summary>
    public IFormFile? NewImage { get; set; }

    /// <summary>Alt text for an image uploaded in place with this item.</summary>
    [StringLength(1000)]
    public string? NewImageAlt { get; set; }
}
