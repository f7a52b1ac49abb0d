using System.Linq.Expressions;

namespace Backlot.Features.Comments;

/// <summary>A comment as readers may see it: no email, no address hash.</summary>
public sealed record CommentView(int Id, int? ParentId, string AuthorName, string AuthorWebsite, string Body, DateTime CreatedAt, DateTime? ApprovedAt, bool Held)
{
    /// <summary>The one projection from the table: only public columns leave the database.</summary>
    public static readonly Expression<Func<Comment, CommentView>> FromComment =
        c => new CommentView(c.Id, c.ParentId, c.AuthorName, c.AuthorWebsite, c.Body, c.CreatedAt, c.ApprovedAt, c.Status != CommentStatus.Approved);

    /// <summary>The live stream's event id for this comment: when it was approved, then its id, so none is skipped on reconnect.</summary>
    public string? EventId => ApprovedAt is { } at ? CommentEventMarker.Of(at, Id).ToString() : null;
}

/// <summary>One comment of a thread, at its depth (1 for a top-level comment), with its replies.</summary>
public sealed record CommentNode(CommentView Comment, int Depth, List<CommentNode> Replies);

/// <summary>An article's approved comments as threads, oldest first.</summary>
public sealed record CommentThread(int ArticleId, bool ClosedByEditor, IReadOnlyList<CommentNode> Roots, int Count, string? LastEventId)
{
    /// <summary>Threads <paramref name="approved"/> (oldest first) into replies no deeper than <paramref name="maxDepth"/>.</summary>
    public static CommentThread Build(int articleId, bool closedByEditor, IReadOnlyList<CommentView> approved, int maxDepth)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var byId = approved.ToDictionary(c => c.Id);
        var children = approved.Where(c => c.ParentId is { } parent && byId.ContainsKey(parent)).ToLookup(c => c.ParentId!.Value);
        List<CommentNode> Level(IEnumerable<CommentView> level, int depth) =>
            [.. level.Select(c => new CommentNode(c, depth, Level(children[c.Id], Math.Min(depth + 1, maxDepth))))];

        // A reply whose parent was taken down is shown at the top level rather than lost.
        var roots = Level(approved.Where(c => c.ParentId is not { } parent || !byId.ContainsKey(parent)), 1);
        var last = approved.Where(c => c.ApprovedAt is not null).MaxBy(c => (c.ApprovedAt, c.Id));
        return new CommentThread(articleId, closedByEditor, roots, approved.Count, last?.EventId);
    }

    /// <summary>Changes whenever the shown comments change: part of the article page's ETag.</summary>
    public string Version => $"{Count}-{LastEventId}";

    public DateTime? LastApprovedAt => CommentEventMarker.Parse(LastEventId)?.ApprovedAt;
}

/// <summary>A position in the stream of approvals: approval time (microseconds, what PostgreSQL keeps) and comment id.</summary>
public readonly record struct CommentEventMarker(DateTime ApprovedAt, int CommentId)
{
    public static CommentEventMarker Of(DateTime approvedAt, int commentId) => new(DateTime.SpecifyKind(approvedAt, DateTimeKind.Utc), commentId);

    /// <summary>Times are kept to the microsecond so the marker survives a round trip through either database.</summary>
    public static DateTime Truncate(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    public override string ToString() => $"{ApprovedAt.Ticks / 10}-{CommentId}";

    public static CommentEventMarker? Parse(string? value)
    {
        var parts = (value ?? "").Split('-');
        return parts.Length == 2
               && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var micros)
               && micros > 0 && micros < DateTime.MaxValue.Ticks / 10
               && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? new CommentEventMarker(new DateTime(micros * 10, DateTimeKind.Utc), id)
            : null;
    }
}
