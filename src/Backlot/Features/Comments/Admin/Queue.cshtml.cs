using System.Globalization;
using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Backlot.Features.Site;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Comments.Admin;

/// <summary>What a moderator can do to comments from the queue, one row or the checked rows at once.</summary>
public enum QueueAction
{
    Approve,
    Unapprove,
    Spam,
    Trash,
    Restore,
    Delete,
}

/// <summary>
/// The moderation queue: comments by status (pending first) with counts, narrowed to one article,
/// 50 a page, newest first; row and bulk actions post back here and return to the same view.
/// </summary>
[Authorize(Policy = Policies.Editors)]
public sealed class QueueModel(CommentQueue queue, CommentModeration moderation, StaffReplies replies, SiteSettings settings) : AdminPage
{
    /// <summary>The most comments one request may act on: a page of the queue, with room to spare.</summary>
    public const int MaxIdsPerRequest = 500;

    private static readonly Dictionary<string, QueueAction> ActionNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approve"] = QueueAction.Approve,
        ["unapprove"] = QueueAction.Unapprove,
        ["spam"] = QueueAction.Spam,
        ["trash"] = QueueAction.Trash,
        ["restore"] = QueueAction.Restore,
        ["delete"] = QueueAction.Delete,
    };

    public override string Title => "Comments";

    public QueueFilter Filter { get; private set; } = QueueFilter.Pending;
    public QueueArticle? Article { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int Total { get; private set; }
    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];
    public Dictionary<CommentStatus, int> Counts { get; private set; } = [];
    public SiteProfile Site => settings.Current;
    public int PageCount => Math.Max(1, (Total + CommentQueue.PageSize - 1) / CommentQueue.PageSize);
    public int AllCount => Counts.Values.Sum();

    /// <summary>Delete permanently is offered only where WordPress offers it: in Spam and Trash.</summary>
    public bool CanDelete => Filter is QueueFilter.Spam or QueueFilter.Trash;

    public async Task<IActionResult> OnGetAsync(string? status, string? article, [FromQuery(Name = "page")] string? pageNumber, CancellationToken cancellationToken)
    {
        if (await ReadViewAsync(status, article, pageNumber, cancellationToken) is { } refused)
        {
            return refused;
        }

        Counts = await queue.CountsAsync(Article?.Id, cancellationToken);
        (Rows, Total) = await queue.PageAsync(Filter, Article?.Id, PageNumber, cancellationToken);
        return Page();
    }

    /// <summary>One row's button: the action and the comment are in the button's URL.</summary>
    public async Task<IActionResult> OnPostRowAsync(string? id, string? act, string? status, string? article, string? fromPage, CancellationToken cancellationToken) =>
        await ActAsync([id ?? ""], act, status, article, fromPage, cancellationToken);

    /// <summary>The bulk select and Apply, for the checked rows.</summary>
    public async Task<IActionResult> OnPostBulkAsync(string[]? ids, string? bulk, string? status, string? article, string? fromPage, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bulk) || ids is not { Length: > 0 })
        {
            // Apply with nothing chosen is a slip, not an attack: say so and change nothing.
            if (await ReadViewAsync(status, article, fromPage, cancellationToken) is { } refused)
            {
                return refused;
            }

            Flash(string.IsNullOrEmpty(bulk) ? "Choose a bulk action first." : "Tick at least one comment first.");
            return Redirect(Link(Filter, Article?.Id, PageNumber));
        }

        return await ActAsync(ids, bulk, status, article, fromPage, cancellationToken);
    }

    public async Task<IActionResult> OnPostReplyAsync(string? id, string? text, string? status, string? article, string? fromPage, CancellationToken cancellationToken)
    {
        if (await ReadViewAsync(status, article, fromPage, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parentId))
        {
            return BadRequest("id: choose a comment to reply to.");
        }

        switch (await replies.ReplyAsync(User, parentId, text, cancellationToken))
        {
            case CommentRefused no:
                return StatusCode(no.StatusCode, no.Message);
            default:
                Flash("Reply posted.");
                return Redirect(Link(Filter, Article?.Id, PageNumber));
        }
    }

    public string Link(QueueFilter filter, int? articleId, int page)
    {
        var query = new List<string>();
        if (filter != QueueFilter.Pending)
        {
            query.Add("status=" + filter.ToString().ToLowerInvariant());
        }

        if (articleId is { } id)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"article={id}"));
        }

        if (page > 1)
        {
            query.Add(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        }

        return query.Count == 0 ? "/admin/comments" : "/admin/comments?" + string.Join("&", query);
    }

    public int CountOf(QueueFilter filter) => filter switch
    {
        QueueFilter.All => AllCount,
        QueueFilter.Pending => Counts.GetValueOrDefault(CommentStatus.Pending),
        QueueFilter.Approved => Counts.GetValueOrDefault(CommentStatus.Approved),
        QueueFilter.Spam => Counts.GetValueOrDefault(CommentStatus.Spam),
        _ => Counts.GetValueOrDefault(CommentStatus.Trash),
    };

    /// <summary>The actions a row in <paramref name="status"/> offers, in the order they are shown.</summary>
    public static IEnumerable<(QueueAction Action, string Label)> ActionsFor(CommentStatus status) => status switch
    {
        CommentStatus.Pending => [(QueueAction.Approve, "Approve"), (QueueAction.Spam, "Spam"), (QueueAction.Trash, "Trash")],
        CommentStatus.Approved => [(QueueAction.Unapprove, "Unapprove"), (QueueAction.Spam, "Spam"), (QueueAction.Trash, "Trash")],
        CommentStatus.Spam => [(QueueAction.Restore, "Not spam"), (QueueAction.Delete, "Delete permanently")],
        _ => [(QueueAction.Restore, "Restore"), (QueueAction.Delete, "Delete permanently")],
    };

    /// <summary>The bulk actions the current tab offers.</summary>
    public IEnumerable<(QueueAction Action, string Label)> BulkActions => Filter switch
    {
        QueueFilter.Spam => [(QueueAction.Restore, "Not spam"), (QueueAction.Delete, "Delete permanently")],
        QueueFilter.Trash => [(QueueAction.Restore, "Restore"), (QueueAction.Delete, "Delete permanently")],
        _ => [(QueueAction.Approve, "Approve"), (QueueAction.Unapprove, "Unapprove"), (QueueAction.Spam, "Mark as spam"), (QueueAction.Trash, "Move to Trash")],
    };

    private async Task<IActionResult> ActAsync(string[] rawIds, string? act, string? status, string? article, string? fromPage, CancellationToken cancellationToken)
    {
        if (await ReadViewAsync(status, article, fromPage, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (act is null || !ActionNames.TryGetValue(act, out var action))
        {
            return BadRequest($"action: \"{Shorten(act)}\" is not an action; use one of {string.Join(", ", ActionNames.Keys)}.");
        }

        if (rawIds.Length > MaxIdsPerRequest)
        {
            return BadRequest($"ids: at most {MaxIdsPerRequest} comments at once.");
        }

        var ids = new HashSet<int>();
        foreach (var raw in rawIds)
        {
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                return BadRequest($"ids: \"{Shorten(raw)}\" is not a comment id.");
            }

            ids.Add(parsed);
        }

        var statuses = await queue.StatusesAsync(ids, cancellationToken);
        if (ids.FirstOrDefault(i => !statuses.ContainsKey(i)) is var missing and > 0)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"ids: there is no comment {missing}. Nothing was changed."));
        }

        if (action == QueueAction.Delete && statuses.FirstOrDefault(s => s.Value is not (CommentStatus.Spam or CommentStatus.Trash)) is { Key: > 0 } kept)
        {
            return BadRequest(string.Create(CultureInfo.InvariantCulture, $"ids: comment {kept.Key} is not in Spam or Trash; move it to the trash before deleting it permanently. Nothing was changed."));
        }

        var changed = action switch
        {
            QueueAction.Approve => await moderation.SetStatusAsync(ids, CommentStatus.Approved, cancellationToken),
            QueueAction.Unapprove => await moderation.SetStatusAsync(ids, CommentStatus.Pending, cancellationToken),
            QueueAction.Spam => await moderation.SetStatusAsync(ids, CommentStatus.Spam, cancellationToken),
            QueueAction.Trash => await moderation.SetStatusAsync(ids, CommentStatus.Trash, cancellationToken),
            // Restoring takes a comment back to the queue, where a moderator decides again.
            QueueAction.Restore => await moderation.SetStatusAsync([.. ids.Where(i => statuses[i] is CommentStatus.Spam or CommentStatus.Trash)], CommentStatus.Pending, cancellationToken),
            _ => await moderation.DeleteAsync(ids, cancellationToken),
        };
        Flash(Done(action, changed));
        return Redirect(Link(Filter, Article?.Id, PageNumber));
    }

    private static string Done(QueueAction action, int count)
    {
        var what = count == 1 ? "1 comment" : string.Create(CultureInfo.InvariantCulture, $"{count} comments");
        return action switch
        {
            QueueAction.Approve => $"{what} approved.",
            QueueAction.Unapprove => $"{what} unapproved.",
            QueueAction.Spam => $"{what} marked as spam.",
            QueueAction.Trash => $"{what} moved to the Trash.",
            QueueAction.Restore => $"{what} restored.",
            _ => $"{what} permanently deleted.",
        };
    }

    /// <summary>Reads the view (status tab, article, page) from a request; a 400 or 404 result when it names none.</summary>
    private async Task<IActionResult?> ReadViewAsync(string? status, string? article, string? pageNumber, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<QueueFilter>(status, ignoreCase: true, out var filter) || !Enum.IsDefined(filter) || status.Any(char.IsDigit))
            {
                return BadRequest($"status: \"{Shorten(status)}\" is not a status; use pending, approved, spam, trash or all.");
            }

            Filter = filter;
        }

        if (!ArchivePageModel.TryReadPageNumber(pageNumber, out var number))
        {
            return BadRequest("page: a page number is a whole number from 1.");
        }

        PageNumber = number;
        if (!string.IsNullOrEmpty(article))
        {
            if (!int.TryParse(article, NumberStyles.None, CultureInfo.InvariantCulture, out var articleId))
            {
                return BadRequest("article: an article is chosen by its number.");
            }

            Article = await queue.ArticleAsync(articleId, cancellationToken);
            if (Article is null)
            {
                return NotFound(string.Create(CultureInfo.InvariantCulture, $"article: there is no article {articleId}."));
            }
        }

        return null;
    }

    private static string Shorten(string? value) => value is null ? "" : value.Length > 40 ? value[..40] + "…" : value;
}
