using Backlot.Features.Taxonomy;

namespace Backlot.Features.Demo;

/// <summary>The demo site's text: written in our own words; facts carry over from the seed listicle, sentences do not.</summary>
internal static partial class DemoContent
{
    internal sealed record Author(string Slug, string Name, string Bio);

    internal sealed record Category(string Slug, string Name, string Description);

    internal sealed record Work(string Slug, string Title, WorkKind Kind, int Year, string[] AlternateTitles, string Summary);

    internal sealed record Person(string Slug, string Name, string Bio);

    /// <summary>One numbered entry of a listicle; its image is drawn at first start from <see cref="ImageTitle"/>.</summary>
    internal sealed record Item(string Heading, string? WorkSlug, string Body, string ImageTitle, string AltText, string Caption, string Credit);

    /// <summary>An article; <see cref="Items"/> empty means a story, otherwise a listicle.</summary>
    internal sealed record Article(
        string Slug,
        string CategorySlug,
        string Title,
        string Dek,
        string Body,
        string AuthorSlug,
        int HoursAgo,
        string[] Tags,
        string[] WorkSlugs,
        string[] PersonSlugs,
        string HeroTitle,
        string HeroAlt,
        string HeroCaption,
        Item[] Items);
}
