using Backlot.Features.Articles;

namespace Backlot.Features.Push;

/// <summary>What the subscribe widget offers on a page: the site, and the page's category and works when it has them.</summary>
public sealed record PushWidget(NamedLink? Category, IReadOnlyList<NamedLink> Works)
{
    public static PushWidget ForHome { get; } = new(null, []);

    public static PushWidget ForArticle(ArticleView article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var works = article.Works.Concat(article.Items.Where(i => i.Work is not null).Select(i => i.Work!))
            .DistinctBy(w => w.Slug).Take(12).ToList();
        return new PushWidget(article.Category, works);
    }
}
