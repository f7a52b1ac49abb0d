using System.Security.Claims;
using Backlot.Data;
using Backlot.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Comments.Admin;

/// <summary>
/// A moderator's reply, signed with their display name and email. Only a comment that readers see or
/// that waits for moderation can be answered: replying approves its parent, and a spam or trashed
/// comment must not reappear that way.
/// </summary>
public sealed class StaffReplies(BacklotDb db, CommentModeration moderation, UserManager<BacklotUser> users)
{
    public async Task<CommentPostResult> ReplyAsync(ClaimsPrincipal moderator, int parentId, string? text, CancellationToken cancellationToken)
    {
        var status = await db.Set<Comment>().AsNoTracking().Where(c => c.Id == parentId).Select(c => (CommentStatus?)c.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return new CommentRefused(StatusCodes.Status404NotFound, "parentId", $"There is no comment {parentId} to reply to.");
        }

        if (status is CommentStatus.Spam or CommentStatus.Trash)
        {
            return new CommentRefused(StatusCodes.Status400BadRequest, "parentId", $"Comment {parentId} is in {(status == CommentStatus.Spam ? "Spam" : "Trash")}; restore it before replying.");
        }

        if (await users.GetUserAsync(moderator) is not { } user)
        {
            return new CommentRefused(StatusCodes.Status403Forbidden, "parentId", "Sign in again to reply.");
        }

        // A display name may be longer than a comment's name field allows.
        var name = user.DisplayName.Length > CommentRules.NameMaxLength ? user.DisplayName[..CommentRules.NameMaxLength] : user.DisplayName;
        return await moderation.ReplyAsync(parentId, name, user.Email ?? "", text ?? "", cancellationToken);
    }
}
