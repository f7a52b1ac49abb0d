using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Comments;

/// <summary>The moderators' screens over HTTP: queue, row and bulk actions, edit, reply, erase; readers see the result on the cached page.</summary>
public sealed class ModerationTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly HttpClient reader = site.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task The_queue_lists_pending_comments_newest_first_with_counts_per_status()
    {
        var article = await ArticleAsync(0);
        var older = await SeedAsync(article.Id, "Older pending", CommentStatus.Pending, minutesAgo: 30);
        var newer = await SeedAsync(article.Id, "Newer pending", CommentStatus.Pending, minutesAgo: 5, email: "Newer@example.test", website: "https://newer.example/");
        await SeedAsync(article.Id, "Shown already", CommentStatus.Approved);
        await SeedAsync(article.Id, "Buy pills", CommentStatus.Spam, heldReason: "more than 2 links");
        await SeedAsync(article.Id, "Thrown away", CommentStatus.Trash);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        var page = await editor.Client.GetDocumentAsync($"/admin/comments?article={article.Id}");

        var tabs = page.QuerySelectorAll("nav.tabs a").Select(a => string.Join(' ', a.Text().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["Pending (2)", "Approved (1)", "Spam (1)", "Trash (1)", "All (5)"], tabs);
        var rows = page.QuerySelectorAll("tr.comment-row").Select(r => r.Id).ToList();
        Assert.Equal([$"comment-{newer}", $"comment-{older}"], rows);
        var row = page.QuerySelector($"#comment-{newer}")!;
        Assert.Equal("newer@example.test", row.QuerySelector(".comment-email")!.Text());
        Assert.Equal("https://newer.example/", row.QuerySelector(".comment-website")!.GetAttribute("href"));
        Assert.Equal(IpHashOf("Newer pending")[..8], row.QuerySelector(".ip-hash")!.Text());
        Assert.DoesNotContain(IpHashOf("Newer pending")[..9], page.Source.Text, StringComparison.Ordinal);
        Assert.Equal(article.Path, row.QuerySelectorAll("a").First(a => a.Text() == article.Title).GetAttribute("href"));
        Assert.Contains(article.Title, page.QuerySelector(".queue-article")!.Text(), StringComparison.Ordinal);

        var spam = await editor.Client.GetDocumentAsync($"/admin/comments?article={article.Id}&status=spam");
        Assert.Equal("Held: more than 2 links", spam.QuerySelector(".held-reason")!.Text());
        Assert.Contains(spam.QuerySelectorAll("button"), b => b.Text().StartsWith("Delete permanently", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.Text().StartsWith("Delete permanently", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_menu_and_dashboard_show_how_many_comments_await_moderation_and_articles_link_to_theirs()
    {
        var article = await ArticleAsync(1);
        await SeedAsync(article.Id, "Counted in the menu", CommentStatus.Pending);
        var pending = await CountAsync(c => c.Status == CommentStatus.Pending);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);

        var dashboard = await editor.Client.GetDocumentAsync("/admin");

        Assert.Contains(dashboard.QuerySelectorAll("nav[aria-label=Admin] a"), a => a.GetAttribute("href") == "/admin/comments" && a.Text().StartsWith($"Comments ({pending})", StringComparison.Ordinal));
        Assert.Contains(dashboard.QuerySelectorAll(".stats a"), a => a.Text().Replace("\n", " ", StringComparison.Ordinal).Contains($"{pending} comment", StringComparison.Ordinal) && a.Text().EndsWith("awaiting moderation", StringComparison.Ordinal));
        var articleEditor = await editor.Client.GetDocumentAsync($"/admin/articles/{article.Id}");
        Assert.Contains(articleEditor.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/admin/comments?article={article.Id}&status=all" && a.Text() == "Comments on this article");
        var forAuthor = await author.Client.GetDocumentAsync("/admin");
        Assert.DoesNotContain(forAuthor.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/admin/comments");
    }

    [Fact]
    public async Task Approving_a_comment_shows_it_on_the_cached_article_page()
    {
        var article = await ArticleAsync(2);
        var id = await SeedAsync(article.Id, "A held thought about the third act", CommentStatus.Pending);
        Assert.DoesNotContain("A held thought about the third act", await ReadAsync(article.Path), StringComparison.Ordinal);
        using (var cached = await reader.GetAsync(new Uri(article.Path, UriKind.Relative), Cancel))
        {
            Assert.True(cached.Headers.Age is not null, "the article page should be served from the output cache");
        }

        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using var response = await PostAsync(editor, $"/admin/comments?handler=Row&id={id}&act=approve", View(article.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/comments?article={article.Id}", response.Headers.Location!.OriginalString);
        var after = await editor.Client.GetDocumentAsync(response.Headers.Location.OriginalString);
        Assert.Equal("1 comment approved.", after.QuerySelector(".notice")!.Text());
        Assert.Contains("A held thought about the third act", await ReadAsync(article.Path), StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Approved, await StatusOfAsync(id));
    }

    [Fact]
    public async Task Bulk_actions_mark_the_ticked_comments_as_spam_or_move_them_to_the_trash()
    {
        var article = await ArticleAsync(3);
        var first = await SeedAsync(article.Id, "Bulk one", CommentStatus.Pending);
        var second = await SeedAsync(article.Id, "Bulk two", CommentStatus.Approved);
        var third = await SeedAsync(article.Id, "Bulk three", CommentStatus.Pending);
        Assert.Contains("Bulk two", await ReadAsync(article.Path), StringComparison.Ordinal);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var spam = await PostAsync(editor, "/admin/comments?handler=Bulk", [.. View(article.Id, "all"), new("bulk", "spam"), new("ids", $"{first}"), new("ids", $"{second}")]);
        var flash = await editor.Client.GetDocumentAsync(spam.Headers.Location!.OriginalString);
        using var trash = await PostAsync(editor, "/admin/comments?handler=Bulk", [.. View(article.Id, "all"), new("bulk", "trash"), new("ids", $"{third}")]);

        Assert.Equal($"/admin/comments?status=all&article={article.Id}", spam.Headers.Location.OriginalString);
        Assert.Equal("2 comments marked as spam.", flash.QuerySelector(".notice")!.Text());
        Assert.Equal(HttpStatusCode.Redirect, trash.StatusCode);
        Assert.Equal(CommentStatus.Spam, await StatusOfAsync(first));
        Assert.Equal(CommentStatus.Spam, await StatusOfAsync(second));
        Assert.Equal(CommentStatus.Trash, await StatusOfAsync(third));
        Assert.DoesNotContain("Bulk two", await ReadAsync(article.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_ids_an_unknown_action_or_deleting_a_live_comment_get_400_and_change_nothing()
    {
        var article = await ArticleAsync(4);
        var id = await SeedAsync(article.Id, "Still pending", CommentStatus.Pending);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var missing = await PostAsync(editor, "/admin/comments?handler=Bulk", [.. View(article.Id), new("bulk", "approve"), new("ids", $"{id}"), new("ids", "999999")]);
        using var notANumber = await PostAsync(editor, "/admin/comments?handler=Bulk", [.. View(article.Id), new("bulk", "approve"), new("ids", "1 OR 1=1")]);
        using var unknown = await PostAsync(editor, $"/admin/comments?handler=Row&id={id}&act=publish", View(article.Id));
        using var deleteLive = await PostAsync(editor, $"/admin/comments?handler=Row&id={id}&act=delete", View(article.Id));
        using var badStatus = await editor.Client.GetAsync(new Uri("/admin/comments?status=everything", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("no comment 999999", await missing.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("is not an action", await unknown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deleteLive.StatusCode);
        Assert.Contains("Spam or Trash", await deleteLive.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(id));
    }

    [Fact]
    public async Task Deleting_a_comment_permanently_moves_its_replies_up_to_its_parent()
    {
        var article = await ArticleAsync(5);
        var root = await SeedAsync(article.Id, "Root of the thread", CommentStatus.Approved, minutesAgo: 30);
        var middle = await SeedAsync(article.Id, "Middle of the thread", CommentStatus.Approved, minutesAgo: 20, parentId: root);
        var leaf = await SeedAsync(article.Id, "Leaf of the thread", CommentStatus.Approved, minutesAgo: 10, parentId: middle);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var trashed = await PostAsync(editor, $"/admin/comments?handler=Row&id={middle}&act=trash", View(article.Id, "approved"));
        Assert.NotNull(Html.Parse(await ReadAsync(article.Path)).QuerySelector($"ol.comment-list > #comment-{leaf}")); // cached with the leaf at the top level
        using var deleted = await PostAsync(editor, $"/admin/comments?handler=Row&id={middle}&act=delete", View(article.Id, "trash"));

        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var flash = await editor.Client.GetDocumentAsync(deleted.Headers.Location!.OriginalString);
        Assert.Equal("1 comment permanently deleted.", flash.QuerySelector(".notice")!.Text());
        await site.WithDbAsync(async db =>
        {
            Assert.False(await db.Set<Comment>().AnyAsync(c => c.Id == middle, Cancel));
            Assert.Equal(root, await db.Set<Comment>().Where(c => c.Id == leaf).Select(c => c.ParentId).SingleAsync(Cancel));
        });
        var page = Html.Parse(await ReadAsync(article.Path));
        Assert.NotNull(page.QuerySelector($"#comment-{root} #comment-{leaf}"));
        Assert.Null(page.QuerySelector($"#comment-{middle}"));
    }

    [Fact]
    public async Task Editing_with_an_invalid_email_gets_400_with_the_message_by_the_field_and_changes_nothing()
    {
        var article = await ArticleAsync(6);
        var id = await SeedAsync(article.Id, "Typo in here", CommentStatus.Pending, email: "careful@example.test");
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var refused = await PostAsync(editor, $"/admin/comments/{id}?handler=Save", Edit("Careful Reader", "not an email", "", "Fixed text", "Approved"), formPage: $"/admin/comments/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var form = Html.Parse(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("valid email address", form.QuerySelector("[data-valmsg-for=Email]")!.Text(), StringComparison.Ordinal);
        Assert.Equal("not an email", form.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        await site.WithDbAsync(async db =>
        {
            var stored = await db.Set<Comment>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel);
            Assert.Equal(("careful@example.test", "Typo in here", CommentStatus.Pending), (stored.AuthorEmail, stored.Body, stored.Status));
        });
    }

    [Fact]
    public async Task Saving_an_edit_corrects_the_comment_and_a_status_change_shows_it_to_readers()
    {
        var article = await ArticleAsync(7);
        var id = await SeedAsync(article.Id, "Teh original", CommentStatus.Pending);
        await ReadAsync(article.Path);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var saved = await PostAsync(editor, $"/admin/comments/{id}?handler=Save", Edit("Corrected Name", " Fixed@Example.TEST ", "https://fixed.example", "The corrected text", "Approved"), formPage: $"/admin/comments/{id}");
        using var badStatus = await PostAsync(editor, $"/admin/comments/{id}?handler=Save", Edit("Other", "other@example.test", "", "Other text", "Published"), formPage: $"/admin/comments/{id}");
        using var unknown = await editor.Client.GetAsync(new Uri("/admin/comments/999999", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await site.WithDbAsync(async db =>
        {
            var stored = await db.Set<Comment>().AsNoTracking().SingleAsync(c => c.Id == id, Cancel);
            Assert.Equal(("Corrected Name", "fixed@example.test", "https://fixed.example/", "The corrected text", CommentStatus.Approved), (stored.AuthorName, stored.AuthorEmail, stored.AuthorWebsite, stored.Body, stored.Status));
        });
        var page = await ReadAsync(article.Path);
        Assert.Contains("The corrected text", page, StringComparison.Ordinal);
        Assert.DoesNotContain("fixed@example.test", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_staff_reply_approves_the_held_comment_and_both_appear_on_the_article_page()
    {
        var article = await ArticleAsync(8);
        var parent = await SeedAsync(article.Id, "Is there a sequel coming?", CommentStatus.Pending);
        await ReadAsync(article.Path);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var replied = await PostAsync(editor, $"/admin/comments?handler=Reply&id={parent}", [.. View(article.Id), new("text", "Not yet announced, sorry.")]);
        using var empty = await PostAsync(editor, $"/admin/comments/{parent}?handler=Reply", [new("ReplyText", "   ")], formPage: $"/admin/comments/{parent}");

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Please type a comment.", await empty.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var (displayName, reply) = await ReplyOfAsync(editor, parent);
        Assert.Equal(CommentStatus.Approved, await StatusOfAsync(parent));
        Assert.Equal(CommentStatus.Approved, reply.Status);
        Assert.Equal(displayName, reply.AuthorName);
        var page = Html.Parse(await ReadAsync(article.Path));
        Assert.Contains("Not yet announced, sorry.", page.QuerySelector($"#comment-{parent} #comment-{reply.Id}")!.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(editor.Email, page.Source.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Erasing_a_commenter_leaves_their_email_nowhere_in_the_database(bool delete)
    {
        var article = await ArticleAsync(delete ? 9 : 10);
        var email = $"erase-{(delete ? "delete" : "anon")}-{Guid.NewGuid():N}@example.test";
        var first = await SeedAsync(article.Id, $"First words of {email[..12]}", CommentStatus.Approved, email: email, minutesAgo: 20);
        var second = await SeedAsync(article.Id, $"Second words of {email[..12]}", CommentStatus.Pending, email: email, minutesAgo: 10);
        var answer = await SeedAsync(article.Id, "An answer from someone else", CommentStatus.Approved, parentId: first);
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);

        using var preview = await PostAsync(admin, "/admin/comments/erase?handler=Preview", [new("Email", email.ToUpperInvariant())], formPage: "/admin/comments/erase");
        var previewPage = Html.Parse(await preview.Content.ReadAsStringAsync(Cancel));
        using var erased = await PostAsync(admin, "/admin/comments/erase?handler=Erase", [new("Email", email), new("Mode", delete ? "delete" : "anonymise")], formPage: "/admin/comments/erase");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("2 comments from", previewPage.QuerySelector("#erase-preview-title")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var flash = await admin.Client.GetDocumentAsync(erased.Headers.Location!.OriginalString);
        Assert.Equal(delete ? "2 comments deleted." : "2 comments anonymised; the text stays.", flash.QuerySelector(".notice")!.Text());
        Assert.Empty(await ColumnsContainingAsync(email));
        await site.WithDbAsync(async db =>
        {
            var left = await db.Set<Comment>().AsNoTracking().Where(c => c.Id == first || c.Id == second || c.Id == answer).ToDictionaryAsync(c => c.Id, Cancel);
            Assert.True(left.ContainsKey(answer), "another reader's reply stays");
            if (delete)
            {
                Assert.Equal([answer], left.Keys);
                Assert.Null(left[answer].ParentId);
            }
            else
            {
                Assert.All([left[first], left[second]], c => Assert.Equal(("Anonymous", "", "", ""), (c.AuthorName, c.AuthorEmail, c.AuthorWebsite, c.IpHash)));
                Assert.StartsWith("First words", left[first].Body, StringComparison.Ordinal);
            }
        });
        var queue = await admin.Client.GetStringAsync(new Uri("/admin/comments?status=all", UriKind.Relative), Cancel);
        Assert.DoesNotContain(email, queue, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasing_needs_a_confirmed_choice_and_an_email_address()
    {
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);

        using var noEmail = await PostAsync(admin, "/admin/comments/erase?handler=Preview", [new("Email", "  ")], formPage: "/admin/comments/erase");
        using var noMode = await PostAsync(admin, "/admin/comments/erase?handler=Erase", [new("Email", "someone@example.test"), new("Mode", "shred")], formPage: "/admin/comments/erase");

        Assert.Equal(HttpStatusCode.BadRequest, noEmail.StatusCode);
        var form = Html.Parse(await noEmail.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("Enter the commenter's email address.", form.QuerySelector("[data-valmsg-for=Email]")!.Text());
        Assert.Equal(HttpStatusCode.BadRequest, noMode.StatusCode);
    }

    [Theory]
    [InlineData(Roles.Contributor, "/admin/comments", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Author, "/admin/comments", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Author, "/admin/comments/1", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Editor, "/admin/comments", HttpStatusCode.OK)]
    [InlineData(Roles.Editor, "/admin/comments/erase", HttpStatusCode.Forbidden)]
    [InlineData(Roles.Administrator, "/admin/comments/erase", HttpStatusCode.OK)]
    public async Task Only_editors_moderate_and_only_administrators_erase(string role, string path, HttpStatusCode expected)
    {
        var session = await AdminSession.SignInAsNewAsync(site, role);

        using var response = await session.Client.GetAsync(new Uri(path, UriKind.Relative), Cancel);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_writer_or_an_anonymous_visitor_cannot_approve_a_comment()
    {
        var article = await ArticleAsync(11);
        var id = await SeedAsync(article.Id, "Nobody may approve me", CommentStatus.Pending);
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var token = await author.AntiforgeryTokenAsync("/admin/articles");

        using var asAuthor = await author.Client.PostAsync(new Uri($"/admin/comments?handler=Row&id={id}&act=approve", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Cancel);
        using var anonymous = await reader.GetAsync(new Uri("/admin/comments", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, asAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/sign-in", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(id));
    }

    [Fact]
    public async Task A_moderation_post_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var article = await ArticleAsync(12);
        var id = await SeedAsync(article.Id, "Forged approval", CommentStatus.Pending);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var response = await editor.Client.PostAsync(
            new Uri($"/admin/comments?handler=Row&id={id}&act=approve", UriKind.Relative), new FormUrlEncodedContent(View(article.Id)), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CommentStatus.Pending, await StatusOfAsync(id));
    }

    private static List<KeyValuePair<string, string>> View(int articleId, string status = "pending") =>
        [new("status", status), new("article", articleId.ToString(CultureInfo.InvariantCulture)), new("fromPage", "1")];

    private static List<KeyValuePair<string, string>> Edit(string name, string email, string website, string text, string status) =>
        [new("Name", name), new("Email", email), new("Website", website), new("Text", text), new("Status", status)];

    /// <summary>Posts form fields (names may repeat, as ticked checkboxes do) with the antiforgery token of <paramref name="formPage"/>.</summary>
    private static async Task<HttpResponseMessage> PostAsync(AdminSession session, string action, List<KeyValuePair<string, string>> fields, string formPage = "/admin/comments")
    {
        var token = await session.AntiforgeryTokenAsync(formPage);
        return await session.Client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]), Cancel);
    }

    private async Task<string> ReadAsync(string path)
    {
        using var response = await reader.GetAsync(new Uri(path, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private sealed record PublicArticle(int Id, string Title, string Path);

    /// <summary>The n-th published article: each test takes its own, so counts and pages do not mix.</summary>
    private async Task<PublicArticle> ArticleAsync(int n)
    {
        await using var scope = site.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        var article = await db.Articles.AsNoTracking().Where(ArticleVisibility.PublicAt(now)).OrderBy(a => a.Id).Skip(n)
            .Select(a => new { a.Id, a.Title, Category = a.Category.Slug, a.Slug }).FirstAsync(Cancel);
        return new PublicArticle(article.Id, article.Title, ArticleUrls.PathOf(article.Category, article.Slug));
    }

    private async Task<int> SeedAsync(int articleId, string text, CommentStatus status, string? email = null, string website = "", string heldReason = "", int minutesAgo = 1, int? parentId = null)
    {
        var at = site.Clock.GetUtcNow().UtcDateTime.AddMinutes(-minutesAgo);
        var comment = new Comment
        {
            ArticleId = articleId,
            ParentId = parentId,
            AuthorName = "Reader " + text.Split(' ')[0],
            AuthorEmail = CommentRules.NormalizeEmail(email ?? $"reader-{Guid.NewGuid():N}@example.test"),
            AuthorWebsite = website,
            Body = text,
            Status = status,
            HeldReason = heldReason,
            IpHash = IpHashOf(text),
            CreatedAt = at,
            ApprovedAt = status == CommentStatus.Approved ? CommentEventMarker.Truncate(at) : null,
        };
        await site.WithDbAsync(async db =>
        {
            db.Set<Comment>().Add(comment);
            await db.SaveChangesAsync(Cancel);
        });
        return comment.Id;
    }

    private static string IpHashOf(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ip:" + seed)));

    private async Task<CommentStatus> StatusOfAsync(int id)
    {
        var status = CommentStatus.Pending;
        await site.WithDbAsync(async db => status = await db.Set<Comment>().Where(c => c.Id == id).Select(c => c.Status).SingleAsync(Cancel));
        return status;
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Comment, bool>> where)
    {
        var count = 0;
        await site.WithDbAsync(async db => count = await db.Set<Comment>().CountAsync(where, Cancel));
        return count;
    }

    private async Task<(string DisplayName, Comment Reply)> ReplyOfAsync(AdminSession session, int parentId)
    {
        (string, Comment) found = default;
        await site.WithDbAsync(async db =>
        {
            var name = await db.Users.Where(u => u.Email == session.Email).Select(u => u.DisplayName).SingleAsync(Cancel);
            found = (name, await db.Set<Comment>().AsNoTracking().SingleAsync(c => c.ParentId == parentId, Cancel));
        });
        return found;
    }

    /// <summary>Every text column of every table in the model that still holds <paramref name="value"/>, case-insensitively.</summary>
    private async Task<List<string>> ColumnsContainingAsync(string value)
    {
        var found = new List<string>();
        await site.WithDbAsync(async db =>
        {
            foreach (var entity in db.Model.GetEntityTypes())
            {
                if (entity.GetTableName() is not { } table || entity.GetViewName() is not null)
                {
                    continue;
                }

                var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string)))
                {
                    if (property.GetColumnName(store) is not { } column)
                    {
                        continue;
                    }

#pragma warning disable EF1002 // table and column names come from the model, never from input; the value is a parameter
                    var count = await db.Database.SqlQueryRaw<int>($"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM \"{table}\" WHERE LOWER(\"{column}\") LIKE {{0}}", $"%{value.ToLowerInvariant()}%").SingleAsync(Cancel);
#pragma warning restore EF1002
                    if (count > 0)
                    {
                        found.Add($"{table}.{column}");
                    }
                }
            }
        });
        return found;
    }
}
