namespace Backlot.Features.Articles;

/// <summary>Where an article lives: /{category}/{slug}; listicle items add #item-{n}.</summary>
public static class ArticleUrls
{
    public static string PathOf(string categorySlug, string articleSlug) => $"/{categorySlug}/{articleSlug}";

    public static string ItemAnchor(int position) => $"item-{position}";
}
