using Backlot.Features.Taxonomy;

namespace Backlot.Features.Push;

/// <summary>The topics readers follow: the whole site, a category, or a work.</summary>
public static class PushTopics
{
    public const string Site = "site";
    public const int MaxLength = 120;
    public const int MaxPerSubscription = 50;

    public static string Category(string slug) => "category:" + slug;
    public static string Work(string slug) => "work:" + slug;

    /// <summary>Whether <paramref name="topic"/> is <c>site</c>, <c>category:{slug}</c> or <c>work:{slug}</c> with a valid slug.</summary>
    public static bool IsValid(string? topic) => topic switch
    {
        null => false,
        Site => true,
        _ when topic.StartsWith("category:", StringComparison.Ordinal) => Slug.IsValid(topic["category:".Length..]),
        _ when topic.StartsWith("work:", StringComparison.Ordinal) => Slug.IsValid(topic["work:".Length..]),
        _ => false,
    };
}
