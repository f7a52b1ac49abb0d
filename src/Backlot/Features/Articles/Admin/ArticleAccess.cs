using System.Security.Claims;
using Backlot.Data;
using Backlot.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Articles.Admin;

/// <summary>
/// WordPress's rule for who may open an article in the admin: editors and administrators any;
/// authors their own; contributors their own while it is a draft.
/// </summary>
public sealed class ArticleAccess(BacklotDb db, UserManager<BacklotUser> users)
{
    public async Task<bool> MayEditAsync(ClaimsPrincipal user, int articleId, CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.AuthorId, a.Status }).FirstOrDefaultAsync(cancellationToken);
        return article is not null && await MayEditAsync(user, article.AuthorId, article.Status);
    }

    public async Task<bool> MayEditAsync(ClaimsPrincipal user, int authorId, ArticleStatus status)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.HasAtLeast(Roles.Editor))
        {
            return true;
        }

        var account = await users.GetUserAsync(user);
        if (account?.AuthorId != authorId)
        {
            return false;
        }

        return user.HasAtLeast(Roles.Author) || status == ArticleStatus.Draft;
    }
}
