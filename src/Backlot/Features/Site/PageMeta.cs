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

    /// <summary>Feeds announced with &lt;link rel="alternate"&gt;; the site's own feeds when not set.</summary>
    public IReadOnlyList<FeedLink> Feeds { get; init; } = FeedLink.Site;
}

/// <summary>A feed a page announces in its head.</summary>
public sealed record FeedLink(string Title, string Path, string MediaType)
{
    public const string Rss = "application/rss+xml";
    public const string Atom = "application/atom+xml";
    public const string Json = "application/feed+json";

    public static readonly IReadOnlyList<FeedLink> Site =
    [
        new("RSS", "/feed", Rss),
        new("Atom", "/feed/atom", Atom),
        new("JSON Feed", "/feed.json", Json),
    ];

    /// <summary>The site's feeds plus the RSS and Atom feeds of one category, tag, work or author.</summary>
    public static IReadOnlyList<FeedLink> For(string scope, string slug, string name) =>
    [
        new($"{name} (RSS)", $"/feed/{scope}/{slug}", Rss),
        new($"{name} (Atom)", $"/feed/{scope}/{slug}/atom", Atom),
        .. Site,
    ];
}

/// <summary>A public page model that fills the layout's head.</summary>
public interface IHasPageMeta
{
    PageMeta Meta { get; }
}
