using Backlot.Features.Comments;
using Backlot.Features.Discovery;
using Backlot.Features.Media;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Backlot.Features.Articles;

[OutputCache(PolicyName = PublicPageCache.PolicyName)]
public sealed class ArticlePageModel(ArticleReader reader, StructuredData structuredData, IMediaStore media, CommentSections comments) : PageModel, IHasPageMeta
{
    public ArticleView Article { get; private set; } = null!;
    public PageMeta Meta { get; private set; } = null!;
    public CommentsSection Comments { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string category, string slug, CancellationToken cancellationToken)
    {
        var article = await reader.FindAsync(category, slug, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        HttpContext.Features.Get<IOutputCacheFeature>()?.Context.Tags.Add(PublicPageCache.ArticleTag(article.Id));

        Comments = await comments.ForArticleAsync(article, Request.Query, cancellationToken);
        var etag = new EntityTagHeaderValue($"\"a{article.Id}-r{article.RevisionNumber}-{article.UpdatedAt.Ticks:x}-c{Comments.Thread.Version}\"", isWeak: true);
        var lastModified = new DateTimeOffset(Comments.Thread.LastApprovedAt is { } approved && approved > article.UpdatedAt ? approved : article.UpdatedAt);
        var headers = Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        if (IsNotModified(etag, lastModified))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        Article = article;
        var card = article.Hero ?? article.Items.Select(i => i.Image).FirstOrDefault(i => i is not null);
        Meta = new PageMeta
        {
            Title = article.SeoTitle ?? article.Title,
            Description = article.SeoDescription ?? (article.Dek.Length > 0 ? article.Dek : null),
            CanonicalPath = article.Path,
            OpenGraphType = "article",
            ImageUrl = card?.LargeJpegOrPng(media),
            ImageAlt = card?.AltText,
            ImageWidth = card is null ? null : (card.Width >= 1200 ? card.Width : card.VariantWidths.Max()),
            ImageHeight = card is null ? null : (card.Width >= 1200 ? card.Height : card.HeightAt(card.VariantWidths.Max())),
            PublishedAt = article.PublishedAt,
            ModifiedAt = article.UpdatedAt,
            AuthorName = article.Author.Name,
            Section = article.Category.Name,
            Tags = [.. article.Tags.Select(t => t.Name)],
            StructuredData = structuredData.ForArticle(article),
        };
        return Page();
    }

    private bool IsNotModified(EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var request = Request.GetTypedHeaders();
        if (request.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
        }

        return request.IfModifiedSince is { } since && lastModified <= since.AddSeconds(1);
    }
}
