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

    /// <summary>A reader's comment on a demo article; <see cref="ReplyTo"/> is the index of an earlier comment in <see cref="Comments"/>.</summary>
    internal sealed record Comment(string ArticleSlug, int? ReplyTo, string Name, string Email, string Website, string Text, int MinutesAfterPublishing);

    internal static readonly Comment[] Comments =
    [
        new("behind-the-scenes-details-that-made-scenes-memorable", null, "Mara Quint", "mara@example.com", "",
            "Keeping Danny Lloyd in the dark about what film he was making is such a kind choice. It shows on screen: he never looks like he is acting scared.", 25),
        new("behind-the-scenes-details-that-made-scenes-memorable", 0, "Theo Brandt", "theo@example.com", "https://example.com/theo",
            "Agreed. It makes his scenes with Nicholson even stranger to watch now.\n\nI read that he only saw the whole film years later, as a teenager.", 50),
        new("behind-the-scenes-details-that-made-scenes-memorable", null, "Priya N.", "priya@example.com", "",
            "The Goodfellas one made me laugh: Scorsese's own mother at the dinner table. Thanks for the list, it sent me back to Stranger Things too.", 95),
    ];
}

