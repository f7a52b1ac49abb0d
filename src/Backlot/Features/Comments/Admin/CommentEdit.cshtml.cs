using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Backlot.Features.Comments.Admin;

/// <summary>One comment: correct its fields (with a reader's limits), change its status, or reply to it.</summary>
[Authorize(Policy = Policies.Editors)]
public sealed class CommentEditModel(CommentQueue queue, CommentModeration moderation, StaffReplies replies, SiteSettings settings) : AdminPage
{
    public override string Title => "Edit comment";

    [FromRoute]
    public int Id { get; set; }

    public CommentDetail Comment { get; private set; } = null!;
    public SiteProfile Site => settings.Current;

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Website { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public CommentStatus? Status { get; set; }

    [BindProperty]
    public string? ReplyText { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await queue.DetailAsync(Id, cancellationToken) is not { } comment)
        {
            return NotFound();
        }

        Comment = comment;
        (Name, Email, Website, Text, Status) = (comment.AuthorName, comment.AuthorEmail, comment.AuthorWebsite, comment.Body, comment.Status);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (await queue.DetailAsync(Id, cancellationToken) is not { } comment)
        {
            return NotFound();
        }

        Comment = comment;
        ModelState.Remove(nameof(ReplyText));
        if (Status is not { } status || !Enum.IsDefined(status))
        {
            ModelState.Remove(nameof(Status));
            ModelState.AddModelError(nameof(Status), "Choose a status: Pending, Approved, Spam or Trash.");
            return Refused();
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var errors = await moderation.CorrectAsync(Id, new CommentCorrection(Name ?? "", Email ?? "", Website ?? "", Text ?? ""), cancellationToken);
        if (errors is null)
        {
            return NotFound();
        }

        if (errors.Count > 0)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(PropertyOf(field), message);
                }
            }

            return Refused();
        }

        if (status != comment.Status)
        {
            await moderation.SetStatusAsync([Id], status, cancellationToken);
        }

        Flash(status != comment.Status ? $"Comment saved and moved to {status}." : "Comment saved.");
        return Redirect($"/admin/comments/{Id}");
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (await queue.DetailAsync(Id, cancellationToken) is not { } comment)
        {
            return NotFound();
        }

        switch (await replies.ReplyAsync(User, Id, ReplyText, cancellationToken))
        {
            case CommentRefused refused:
                Comment = comment;
                (Name, Email, Website, Text, Status) = (comment.AuthorName, comment.AuthorEmail, comment.AuthorWebsite, comment.Body, comment.Status);
                ModelState.Clear();
                ModelState.AddModelError(nameof(ReplyText), refused.Message);
                Response.StatusCode = refused.StatusCode;
                return Page();
            default:
                Flash(comment.Status == CommentStatus.Pending ? "Reply posted; the comment is approved." : "Reply posted.");
                return Redirect($"/admin/comments/{Id}");
        }
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private static string PropertyOf(string field) => field switch
    {
        "name" => nameof(Name),
        "email" => nameof(Email),
        "website" => nameof(Website),
        "text" => nameof(Text),
        _ => string.Empty,
    };
}
