using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backlot.Data;
using Backlot.Features.Comments;
using Backlot.Features.Site;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Comments;

public sealed class PostingTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_first_comment_is_held_and_only_its_author_sees_it_awaiting_moderation()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var reader = Commenter.Create(site);
        var text = $"Held until a moderator looks {Guid.NewGuid():N}";

        using var response = await reader.PostAsync(articleId, Commenter.Fields("Nora Held", "nora.held@example.test", text), asScript: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(CommentData.ListiclePath + "?unapproved=", location, StringComparison.Ordinal);
        var own = await reader.Client.GetDocumentAsync(location.Split('#')[0]);
        var held = own.QuerySelector(".comment--held")!;
        Assert.Contains(text, held.Text(), StringComparison.Ordinal);
        Assert.Contains("Your comment is awaiting moderation.", held.Text(), StringComparison.Ordinal);

        var stranger = await site.CreateClient().GetStringAsync(CommentData.ListiclePath, Cancel);
        Assert.DoesNotContain(text, stranger, StringComparison.Ordinal);
        var forged = await site.CreateClient().GetStringAsync(location.Split('#')[0][..^4] + "0000", Cancel);
        Assert.DoesNotContain(text, forged, StringComparison.Ordinal);

        var stored = Assert.Single(await CommentData.CommentsAsync(site, q => q.Where(c => c.Body == text)));
        Assert.Equal(CommentStatus.Pending, stored.Status);
        Assert.Equal("first comment from this email address", stored.HeldReason);
        Assert.Equal(64, stored.IpHash.Length);
    }

    [Fact]
    public async Task A_comment_from_an_email_with_an_approved_comment_appears_at_once_on_the_cached_page()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        await CommentData.TrustAsync(site, articleId, "regular@example.test");
        var reader = site.CreateClient();
        await reader.GetStringAsync(CommentData.ListiclePath, Cancel); // now in the output cache
        var text = $"Straight onto the page {Guid.NewGuid():N}";

        using var response = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Regular", "Regular@Example.test", text));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("approved", body.GetProperty("status").GetString());
        Assert.Contains(text, body.GetProperty("html").GetString(), StringComparison.Ordinal);
        var page = await reader.GetDocumentAsync(CommentData.ListiclePath);
        Assert.Contains(page.QuerySelectorAll(".comment-text"), c => c.Text() == text);
    }

    [Fact]
    public async Task Replies_nest_under_their_parent_and_a_reply_at_the_deepest_level_joins_its_parents_thread()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var parent = await CommentData.TrustAsync(site, articleId, "threads@example.test");
        var poster = Commenter.Create(site);
        var ids = new List<int> { parent };
        for (var depth = 2; depth <= 6; depth++)
        {
            using var reply = await poster.PostAsync(articleId, new() { ["name"] = "Threads", ["email"] = "threads@example.test", ["text"] = $"Depth {depth} {Guid.NewGuid():N}", ["parentId"] = ids[^1].ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
            ids.Add(await CommentData.IdOfAsync(reply));
        }

        var page = await site.CreateClient().GetDocumentAsync(CommentData.ListiclePath);
        Assert.NotNull(page.QuerySelector($"#comment-{ids[0]} > .comment-replies > #comment-{ids[1]}"));
        Assert.Equal("5", page.QuerySelector($"#comment-{ids[4]}")!.GetAttribute("data-depth"));
        Assert.Null(page.QuerySelector($"#comment-{ids[4]} .comment-reply")); // no Reply link at the deepest level
        Assert.NotNull(page.QuerySelector($"#comment-{ids[3]} > .comment-replies > #comment-{ids[5]}")); // the sixth joined the fifth's parent
    }

    [Fact]
    public async Task A_reply_to_a_comment_on_another_article_is_refused_and_stores_nothing()
    {
        var listicle = await CommentData.ArticleIdAsync(site);
        var other = await CommentData.ArticleIdAsync(site, "/movies/how-interstellars-black-hole-became-a-scientific-paper");
        var parent = await CommentData.TrustAsync(site, listicle, "elsewhere@example.test");
        var before = await CommentData.CountAsync(site);

        using var response = await Commenter.Create(site).PostAsync(other, new() { ["name"] = "Mixer", ["email"] = "mixer@example.test", ["text"] = "Wrong thread", ["parentId"] = parent.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(problem.GetProperty("errors").TryGetProperty("parentId", out _));
        Assert.Equal(before, await CommentData.CountAsync(site));
    }

    [Fact]
    public async Task Closed_and_unknown_articles_refuse_comments()
    {
        var articleId = await CommentData.ArticleIdAsync(site, "/movies/how-interstellars-black-hole-became-a-scientific-paper");
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.CommentsClosed, true), Cancel));
        try
        {
            using var closed = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Late", "late@example.test", "Too late?"));
            Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
            Assert.Contains("Comments are closed", await closed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            var page = await site.CreateClient().GetDocumentAsync("/movies/how-interstellars-black-hole-became-a-scientific-paper?closed-check");
            Assert.Null(page.QuerySelector("#comment-form"));
        }
        finally
        {
            await site.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.CommentsClosed, false), Cancel));
        }

        using var unknown = await Commenter.Create(site).SendAsync(987654, new FormUrlEncodedContent(Commenter.Fields("Ghost", "ghost@example.test", "Anyone?")));
        Assert.True(unknown.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"answered {(int)unknown.StatusCode}");
    }

    [Fact]
    public async Task Comments_close_by_themselves_after_the_sites_number_of_days()
    {
        var articleId = await CommentData.ArticleIdAsync(site, "/movies/how-interstellars-black-hole-became-a-scientific-paper");
        DateTime? published = null;
        await site.WithDbAsync(async db => published = await db.Articles.Where(a => a.Id == articleId).Select(a => a.PublishedAt).SingleAsync(Cancel));
        await site.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.PublishedAt, DateTime.UtcNow.AddDays(-400)), Cancel));
        try
        {
            using var response = await Commenter.Create(site).PostAsync(articleId, Commenter.Fields("Archivist", "archivist@example.test", "An old one"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        finally
        {
            await site.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).ExecuteUpdateAsync(a => a.SetProperty(x => x.PublishedAt, published), Cancel));
        }
    }

    [Fact]
    public async Task A_post_without_its_security_token_gets_400_and_the_page_gives_the_comment_back()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var before = await CommentData.CountAsync(site);
        var text = $"Written with scripts off {Guid.NewGuid():N}";

        using var response = await Commenter.Create(site).SendAsync(articleId, new FormUrlEncodedContent(Commenter.Fields("No Script", "noscript@example.test", text)), asScript: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("security token", page.QuerySelector(".comment-form__error")!.Text(), StringComparison.Ordinal);
        Assert.Equal(text, page.QuerySelector("textarea[name=text]")!.TextContent);
        Assert.NotNull(page.QuerySelector("form#comment-form input[name=__RequestVerificationToken]"));
        Assert.False(string.IsNullOrEmpty(page.QuerySelector("form#comment-form input[name=stamp]")!.GetAttribute("value")));
        Assert.Equal(before, await CommentData.CountAsync(site));
    }

    [Theory]
    [InlineData("email", "not-an-email", "valid email")]
    [InlineData("email", "", "enter your email")]
    [InlineData("name", "", "enter your name")]
    [InlineData("text", "   ", "type a comment")]
    [InlineData("website", "javascript:alert(1)", "http://")]
    [InlineData("website", "data:text/html,<script>alert(1)</script>", "http://")]
    [InlineData("website", "//evil.example/", "http://")]
    [InlineData("name", "Nul\u0000Byte", "control character")]
    public async Task Bad_fields_get_400_naming_the_field_and_store_nothing(string field, string value, string message)
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var fields = Commenter.Fields("Careful Reader", "careful@example.test", $"Fine text {Guid.NewGuid():N}");
        fields[field] = value;
        var before = await CommentData.CountAsync(site);

        using var response = await Commenter.Create(site).PostAsync(articleId, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await CommentData.CountAsync(site));
    }

    [Theory]
    [InlineData("name", 101, "100 characters")]
    [InlineData("email", 255, "254 characters")]
    [InlineData("website", 201, "200 characters")]
    [InlineData("text", 5001, "5,000 characters")]
    public async Task Oversized_fields_are_refused_with_the_limit_in_the_message(string field, int length, string message)
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var fields = Commenter.Fields("Long Winded", "long@example.test", "Short text");
        fields[field] = field switch
        {
            "email" => new string('a', length - "@example.test".Length) + "@example.test",
            "website" => "https://example.test/" + new string('a', length - "https://example.test/".Length),
            _ => new string('a', length),
        };
        var before = await CommentData.CountAsync(site);

        using var response = await Commenter.Create(site).PostAsync(articleId, fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CommentData.CountAsync(site));
    }

    [Fact]
    public async Task Malformed_utf8_is_refused_with_400()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var commenter = Commenter.Create(site);
        var state = await commenter.FormStateAsync(articleId);
        site.Clock.Advance(TimeSpan.FromSeconds(5));
        var body = $"{state.GetProperty("tokenField").GetString()}={Uri.EscapeDataString(state.GetProperty("token").GetString()!)}&stamp={Uri.EscapeDataString(state.GetProperty("stamp").GetString()!)}"
                   + "&name=Bytes&email=bytes%40example.test&text=broken%C3%28%FF%FEtext";
        var before = await CommentData.CountAsync(site);

        using var response = await commenter.SendAsync(articleId, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await CommentData.CountAsync(site));
    }

    [Fact]
    public async Task The_same_comment_twice_gets_409_duplicate_comment_detected()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var commenter = Commenter.Create(site);
        var fields = Commenter.Fields("Echo", "echo@example.test", $"Said once {Guid.NewGuid():N}");
        using var first = await commenter.PostAsync(articleId, fields);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        fields["text"] = "  " + fields["text"].ToUpperInvariant() + "  ";
        using var second = await commenter.PostAsync(articleId, fields);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("Duplicate comment detected", await second.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spam_signs_hold_the_comment_and_record_why()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var trusted = "spamcheck@example.test";
        await CommentData.TrustAsync(site, articleId, trusted); // trust alone must not let spam through

        async Task<Comment> PostAsync(Dictionary<string, string> fields, bool waitToWrite = true)
        {
            using var response = await Commenter.Create(site).PostAsync(articleId, fields, waitToWrite: waitToWrite);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var id = await CommentData.IdOfAsync(response);
            return Assert.Single(await CommentData.CommentsAsync(site, q => q.Where(c => c.Id == id)));
        }

        var honeypot = Commenter.Fields("Bot", trusted, $"Great post {Guid.NewGuid():N}");
        honeypot["url"] = "http://spam.example/";
        var caught = await PostAsync(honeypot);
        Assert.Equal(CommentStatus.Spam, caught.Status);
        Assert.Contains("honeypot", caught.HeldReason, StringComparison.Ordinal);

        var hasty = await PostAsync(Commenter.Fields("Speedy", trusted, $"Typed fast {Guid.NewGuid():N}"), waitToWrite: false);
        Assert.Equal(CommentStatus.Spam, hasty.Status);
        Assert.Contains("after the form was shown", hasty.HeldReason, StringComparison.Ordinal);

        var links = await PostAsync(Commenter.Fields("Linker", trusted, $"https://a.example https://b.example and www.c.example {Guid.NewGuid():N}"));
        Assert.Equal(CommentStatus.Pending, links.Status);
        Assert.Contains("3 links", links.HeldReason, StringComparison.Ordinal);

        await using (var scope = site.Scope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<SiteSettings>();
            await settings.SaveAsync(settings.Current with { CommentBlockedWords = "cheap pills", CommentBlockedNetworks = "203.0.113.0/24" }, Cancel);
        }

        try
        {
            var word = await PostAsync(Commenter.Fields("Seller", trusted, $"Buy CHEAP PILLS here {Guid.NewGuid():N}"));
            Assert.Equal(CommentStatus.Spam, word.Status);
            Assert.Contains("cheap pills", word.HeldReason, StringComparison.Ordinal);

            using var fromBlocked = await Commenter.Create(site, "203.0.113.9").PostAsync(articleId, Commenter.Fields("Net", trusted, $"From a bad range {Guid.NewGuid():N}"));
            var blocked = Assert.Single(await CommentData.CommentsAsync(site, q => q.Where(c => c.Id == CommentData.IdOfAsync(fromBlocked).Result)));
            Assert.Equal(CommentStatus.Spam, blocked.Status);
            Assert.Contains("blocked IP", blocked.HeldReason, StringComparison.Ordinal);
        }
        finally
        {
            await using var scope = site.Scope();
            var settings = scope.ServiceProvider.GetRequiredService<SiteSettings>();
            await settings.SaveAsync(settings.Current with { CommentBlockedWords = "", CommentBlockedNetworks = "" }, Cancel);
        }
    }

    [Fact]
    public async Task Ticking_save_my_details_remembers_them_in_this_browser_only()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var remembering = Commenter.Create(site);
        var fields = Commenter.Fields("Memo Reader", "memo@example.test", $"Remember me {Guid.NewGuid():N}", "https://memo.example/");
        fields["remember"] = "true";
        using (var response = await remembering.PostAsync(articleId, fields))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CommenterCookie.Name, StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }

        var state = await remembering.FormStateAsync(articleId);
        Assert.Equal("memo@example.test", state.GetProperty("email").GetString());
        Assert.True(state.GetProperty("remember").GetBoolean());

        var forgetful = Commenter.Create(site);
        using (var response = await forgetful.PostAsync(articleId, Commenter.Fields("Forgetful", "forget@example.test", $"Don't {Guid.NewGuid():N}")))
        {
            Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(CommenterCookie.Name + "=C", StringComparison.Ordinal)));
        }

        Assert.Equal("", (await forgetful.FormStateAsync(articleId)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_website_link_shows_only_once_the_comment_is_approved()
    {
        var articleId = await CommentData.ArticleIdAsync(site);
        var commenter = Commenter.Create(site);
        using var response = await commenter.PostAsync(articleId, Commenter.Fields("Linked Reader", "linked@example.test", $"With a site {Guid.NewGuid():N}", "https://linked.example/home"), asScript: false);
        var own = await commenter.Client.GetDocumentAsync(response.Headers.Location!.OriginalString.Split('#')[0]);
        Assert.Null(own.QuerySelector(".comment--held .comment-author a"));

        var id = int.Parse(response.Headers.Location.OriginalString.Split("unapproved=")[1].Split('&')[0], System.Globalization.CultureInfo.InvariantCulture);
        await CommentData.ApproveAsync(site, id);

        var link = (await site.CreateClient().GetDocumentAsync(CommentData.ListiclePath)).QuerySelector($"#comment-{id} .comment-author a")!;
        Assert.Equal("https://linked.example/home", link.GetAttribute("href"));
        Assert.Equal("nofollow ugc noopener external", link.GetAttribute("rel"));
    }

    [Fact]
    public async Task The_article_page_stays_cacheable_with_no_token_or_cookie_in_it()
    {
        using var response = await site.CreateClient().GetAsync(CommentData.ListiclePath, Cancel);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var page = Html.Parse(await response.Content.ReadAsStringAsync(Cancel));
        Assert.NotNull(page.QuerySelector("form#comment-form"));
        Assert.Null(page.QuerySelector("form#comment-form input[name=__RequestVerificationToken]"));
        Assert.Equal("Leave a reply", page.QuerySelector("#reply-title")!.Text());
        Assert.Contains("Your email address will not be published.", page.QuerySelector(".comment-form__note")!.Text(), StringComparison.Ordinal);
    }
}
