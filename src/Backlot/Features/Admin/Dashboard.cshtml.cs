using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Comments.Admin;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Features.Admin;

public sealed class DashboardModel(BacklotDb db, CommentQueue comments) : AdminPage
{
    public override string Title => "Dashboard";
    public Dictionary<ArticleStatus, int> Counts { get; private set; } = [];
    public int MediaCount { get; private set; }

    /// <summary>Comments awaiting moderation; null for those who may not moderate.</summary>
    public int? PendingComments { get; private set; }

    public async Task OnGetAsync()
    {
        Counts = await db.Articles.GroupBy(a => a.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        MediaCount = await db.Media.CountAsync();
        PendingComments = User.HasAtLeast(Roles.Editor) ? await comments.PendingCountAsync(HttpContext.RequestAborted) : null;
    }
}
