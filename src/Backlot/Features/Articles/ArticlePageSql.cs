using System.Data.Common;
using System.Globalization;
using Backlot.Data;
using Backlot.Features.Comments;
using Backlot.Features.Discovery;
using Backlot.Features.Media;

namespace Backlot.Features.Articles;

/// <summary>
/// The article page's read, in SQL that SQLite and PostgreSQL both run: the article's row by its
/// path (or id), then one batch of four statements by its id: items, tags/works/people, related
/// stories and approved comments. It is the one read an uncached page view makes, so it goes
/// through <see cref="PreparedReads"/> (statements prepared once per connection, no LINQ work per
/// call) instead of EF. The visibility rule is <see cref="ArticleVisibility"/>'s, written out:
/// the tests of scheduled, draft and archived articles run through this read.
/// </summary>
internal static class ArticlePageSql
{
    private static readonly string Visible = string.Create(
        CultureInfo.InvariantCulture,
        $"\"Status\" IN ({(int)ArticleStatus.Published}, {(int)ArticleStatus.Scheduled}) AND a.\"PublishedAt\" IS NOT NULL AND a.\"PublishedAt\" <= @now");

    private const string ImageColumns = "m.\"StorageKey\", m.\"OriginalFormat\", m.\"Width\", m.\"Height\", m.\"VariantWidths\", m.\"AltText\"";

    private const string HeadColumns = """
        SELECT a."Id", a."Slug", a."Title", a."Dek", a."BodyHtml", a."Kind", a."PublishedAt", a."UpdatedAt", a."RevisionNumber",
               a."SeoTitle", a."SeoDescription", a."CommentsClosed", au."Slug", au."Name", c."Slug", c."Name",
        """;

    private const string HeadJoins = """
        FROM "Articles" AS a
        INNER JOIN "Categories" AS c ON a."CategoryId" = c."Id"
        INNER JOIN "Authors" AS au ON a."AuthorId" = au."Id"
        LEFT JOIN "Media" AS m ON a."HeroMediaId" = m."Id"
        """;

    public static readonly string PublicHead = $"""
        {HeadColumns} {ImageColumns}
        {HeadJoins}
        WHERE a."Slug" = @slug AND c."Slug" = @category AND a.{Visible}
        LIMIT 1
        """;

    public static readonly string AnyHead = $"""
        {HeadColumns} {ImageColumns}
        {HeadJoins}
        WHERE a."Id" = @id
        """;

    // CROSS JOIN (in the related stories) keeps SQLite's join order as written: the article's dozen
    // rows first, each story then by its key. Left to choose, and without statistics, it walked every
    // public article by status and date and probed each for a row.
    private static readonly string Rest = $"""
        SELECT l."Position", l."Heading", l."Caption", l."Credit", l."BodyHtml", {ImageColumns}, w."Slug", w."Title"
        FROM "ListItems" AS l
        LEFT JOIN "Media" AS m ON l."MediaId" = m."Id"
        LEFT JOIN "Works" AS w ON l."WorkId" = w."Id"
        WHERE l."ArticleId" = @id
        ORDER BY l."Position";

        SELECT {TagName} AS "Kind", t."Slug", t."Name" FROM "ArticleTags" AS x INNER JOIN "Tags" AS t ON x."TagsId" = t."Id" WHERE x."ArticleId" = @id
        UNION ALL
        SELECT {WorkName}, w."Slug", w."Title" FROM "ArticleWorks" AS x INNER JOIN "Works" AS w ON x."WorksId" = w."Id" WHERE x."ArticleId" = @id
        UNION ALL
        SELECT {PersonName}, p."Slug", p."Name" FROM "ArticlePeople" AS x INNER JOIN "People" AS p ON x."PeopleId" = p."Id" WHERE x."ArticleId" = @id
        ORDER BY 1, 3;

        SELECT a."Id", a."Title", c."Slug", a."Slug", {ImageColumns}
        FROM "RelatedStories" AS r
        CROSS JOIN "Articles" AS a
        INNER JOIN "Categories" AS c ON a."CategoryId" = c."Id"
        LEFT JOIN "Media" AS m ON a."HeroMediaId" = m."Id"
        WHERE r."ArticleId" = @id AND r."Source" <> {(int)RelatedSource.Excluded} AND a."Id" = r."RelatedArticleId" AND a.{Visible}
        ORDER BY r."Source" DESC, r."Rank";

        SELECT co."Id", co."ParentId", co."AuthorName", co."AuthorWebsite", co."Body", co."CreatedAt", co."ApprovedAt"
        FROM "Comments" AS co
        WHERE co."ArticleId" = @id AND co."Status" = {(int)CommentStatus.Approved}
        ORDER BY co."CreatedAt", co."Id";
        """;

    private const int TagName = 0;
    private const int WorkName = 1;
    private const int PersonName = 2;

    public static async Task<ArticleHead?> ReadHeadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ArticleHead(
            reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            (ArticleKind)reader.GetInt32(5), NullableUtc(reader, 6), Utc(reader, 7), reader.GetInt32(8),
            NullableString(reader, 9), NullableString(reader, 10), reader.GetBoolean(11),
            new NamedLink(reader.GetString(12), reader.GetString(13)),
            new NamedLink(reader.GetString(14), reader.GetString(15)),
            Image(reader, 16));
    }

    public static async Task<ArticleView> ReadRestAsync(PreparedReadLease lease, ArticleHead head, DateTime now, CancellationToken cancellationToken)
    {
        List<ItemView> items = [];
        List<NamedLink> tags = [], works = [], people = [];
        List<RelatedCard> related = [];
        List<CommentView> comments = [];
        await using (var reader = await lease.Command(Rest, ("@id", head.Id), ("@now", now)).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new ItemView(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    Image(reader, 5),
                    reader.IsDBNull(11) ? null : new NamedLink(reader.GetString(11), reader.GetString(12))));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var list = reader.GetInt32(0) switch { TagName => tags, WorkName => works, _ => people };
                list.Add(new NamedLink(reader.GetString(1), reader.GetString(2)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                related.Add(new RelatedCard(reader.GetInt32(0), reader.GetString(1), ArticleUrls.PathOf(reader.GetString(2), reader.GetString(3)), Image(reader, 4)));
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                comments.Add(new CommentView(
                    reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    Utc(reader, 5), NullableUtc(reader, 6), Held: false));
            }
        }

        return new ArticleView(
            head.Id, head.Slug, head.Title, head.Dek, head.BodyHtml, head.Kind, head.PublishedAt ?? now, head.UpdatedAt, head.RevisionNumber,
            head.SeoTitle, head.SeoDescription, head.Author, head.Category, head.Hero, items, tags, works, people, related,
            head.CommentsClosed, comments);
    }

    /// <summary>The six image columns starting at <paramref name="first"/> (<see cref="ImageColumns"/>); null when there is no image.</summary>
    private static ImageView? Image(DbDataReader reader, int first) =>
        reader.IsDBNull(first)
            ? null
            : new ImageView(reader.GetString(first), reader.GetString(first + 1), reader.GetInt32(first + 2), reader.GetInt32(first + 3), Widths(reader, first + 4), reader.GetString(first + 5));

    // SQLite keeps the list as JSON text ("[320,640]"), PostgreSQL as integer[].
    private static List<int> Widths(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        if (value is int[] array)
        {
            return [.. array];
        }

        var text = ((string)value).AsSpan().Trim("[] ");
        var widths = new List<int>(4);
        if (text.IsEmpty)
        {
            return widths;
        }

        foreach (var range in text.Split(','))
        {
            widths.Add(int.Parse(text[range], NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture));
        }

        return widths;
    }

    private static DateTime Utc(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private static DateTime? NullableUtc(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Utc(reader, ordinal);

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

/// <summary>The article's own row with its author, category and hero.</summary>
internal sealed record ArticleHead(
    int Id, string Slug, string Title, string Dek, string BodyHtml, ArticleKind Kind, DateTime? PublishedAt, DateTime UpdatedAt, int RevisionNumber,
    string? SeoTitle, string? SeoDescription, bool CommentsClosed, NamedLink Author, NamedLink Category, ImageView? Hero);
