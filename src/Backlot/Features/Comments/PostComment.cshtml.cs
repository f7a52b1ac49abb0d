using System.Globalization;
using Backlot.Data;
using Backlot.Features.Articles;
using Backlot.Features.Site;
using Backlot.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments;

/// <summary>
/// Where the comment form posts. With JavaScript the answer is JSON (201 with the comment's HTML, or
/// the errors by field); without it, a redirect back to the comment, or this page with the form, the
/// errors and what the reader wrote.
/// </summary>
[RequestSizeLimit(MaxBodyBytes), RequestFormLimits(ValueLengthLimit = MaxBodyBytes, MultipartBodyLengthLimit = MaxBodyBytes)]
[IgnoreAntiforgeryToken] // checked below, so a missing token gets a message and the comment back
[EnableRateLimiting(CommentsFeature.RateLimitPolicy)]
public sealed class PostCommentModel(
    CommentPosting posting, CommentThreads threads, IAntiforgery antiforgery, CommentFormStamp stamps, CommenterCookie cookie, SiteSettings settings, BacklotDb db, TimeProvider clock) : PageModel, IHasPageMeta
{
    internal const int MaxBodyBytes = 64 * 1024;

    [FromRoute]
    public int Id { get; set; }

    public string ArticleTitle { get; private set; } = "";
    public string ArticlePath { get; private set; } = "/";
    public CommentForm Form { get; private set; } = null!;

    public PageMeta Meta => new() { Title = "Your comment", NoIndex = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await FindArticleAsync(cancellationToken) ? Redirect(ArticlePath + "#respond") : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await ReadFormAsync(cancellationToken) is not { } submission)
        {
            HttpContext.KeepOwnErrorBody();
            return new ObjectResult(new { title = "The form could not be read: it is not a form post, or it is larger than a comment can be.", status = 400 })
            { StatusCode = StatusCodes.Status400BadRequest };
        }

        var wantsJson = Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

        CommentPostResult result = await antiforgery.IsRequestValidAsync(HttpContext)
            ? await posting.PostAsync(submission, HttpContext.Connection.RemoteIpAddress, cancellationToken)
            : new CommentRefused(StatusCodes.Status400BadRequest, "form",
                "The form’s security token was missing or had expired, so your comment was not posted. Check it and send it again.");

        if (result is CommentStored stored)
        {
            cookie.Write(HttpContext, submission.Remember ? new RememberedCommenter(submission.Name.Trim(), submission.Email.Trim(), submission.Website.Trim()) : null);
            var anchor = string.Create(CultureInfo.InvariantCulture, $"#comment-{stored.Comment.Id}");
            var location = stored.ModerationHash is { } hash
                ? string.Create(CultureInfo.InvariantCulture, $"{stored.ArticlePath}?unapproved={stored.Comment.Id}&moderation-hash={hash}{anchor}")
                : stored.ArticlePath + anchor;
            if (wantsJson)
            {
                var profile = settings.Current;
                return StatusCode(StatusCodes.Status201Created, new
                {
                    id = stored.Comment.Id,
                    parentId = stored.Comment.ParentId,
                    status = stored.Status.ToString().ToLowerInvariant(),
                    message = stored.Status == CommentStatus.Approved ? "Your comment is published." : "Your comment is awaiting moderation.",
                    html = CommentMarkup.Card(stored.Comment, stored.Depth, profile.CommentThreadDepth, profile.TimeZone),
                    url = location,
                });
            }

            return new RedirectResult(location) { PreserveMethod = false };
        }

        var refused = (CommentRefused)result;
        if (wantsJson)
        {
            return Refused(refused);
        }

        if (!await FindArticleAsync(cancellationToken))
        {
            return NotFound();
        }

        HttpContext.KeepOwnErrorBody();
        Response.StatusCode = refused.StatusCode;
        var replyTo = submission.ParentId is { } parent ? await threads.ApprovedAsync(Id, parent, cancellationToken) : null;
        Form = new CommentForm(Id, replyTo, refused.Errors, submission with { Honeypot = "", Stamp = "" }, stamps.Issue(Id));
        return Page();
    }

    private ObjectResult Refused(CommentRefused refused)
    {
        HttpContext.KeepOwnErrorBody();
        return new ObjectResult(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5",
            title = refused.Message,
            status = refused.StatusCode,
            errors = refused.Errors,
        })
        { StatusCode = refused.StatusCode, ContentTypes = { "application/problem+json" } };
    }

    private async Task<CommentSubmission?> ReadFormAsync(CancellationToken cancellationToken)
    {
        if (!Request.HasFormContentType)
        {
            return null;
        }

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }

        string Field(string name) => form[name].ToString();
        return new CommentSubmission
        {
            ArticleId = Id,
            ParentId = int.TryParse(Field("parentId"), NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : null,
            Name = Field("name"),
            Email = Field("email"),
            Website = Field("website"),
            Text = Field("text"),
            Honeypot = Field("url"),
            Stamp = Field("stamp"),
            Remember = Field("remember") is "true" or "on",
        };
    }

    private async Task<bool> FindArticleAsync(CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking()
            .Where(a => a.Id == Id)
            .Where(ArticleVisibility.PublicAt(clock.GetUtcNow().UtcDateTime))
            .Select(a => new { a.Title, a.Slug, CategorySlug = a.Category.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (article is null)
        {
            return false;
        }

        ArticleTitle = article.Title;
        ArticlePath = ArticleUrls.PathOf(article.CategorySlug, article.Slug);
        return true;
    }

}
