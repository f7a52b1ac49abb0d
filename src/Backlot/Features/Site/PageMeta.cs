namespace Backlot.Features.Site;

/// <summary>What a public page puts in its head: title, description, canonical URL, social card, structured data.</summary>
public sealed record PageMeta
{
    public required string Title { get; init; }
    public string? Description { get; init; }

    /// <summary>Site-relative path of the canonical URL; made absolute by the layout.</summary>
    public string? CanonicalPath { get; init; }

    /// <summary>"website" or "article".</summary>
    public string OpenGraphType { get; init; } = "website";

    /// <summary>Site-relative or absolute URL of the social card image.</summary>
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? ModifiedAt { get; init; }
    public string? AuthorName { get; init; }
    public string? Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>JSON-LD documents, already serialized with HTML-safe escaping.</summary>
    public IReadOnlyList<string> StructuredData { get; init; } = [];

    public bool NoIndex { get; init; }
}

/// <summary>A public page model that fills the layout's head.</summary>
public interface IHasPageMeta
{
    PageMeta Meta { get; }
}
