using System.Net;
using System.Net.Http.Headers;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetVips;

namespace Backlot.IntegrationTests.Admin;

public sealed class ArticleEditorTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private int CategoryId(string slug) => Db(db => db.Categories.Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());

    private T Db<T>(Func<BacklotDb, Task<T>> read)
    {
        using var scope = site.Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<BacklotDb>()).GetAwaiter().GetResult();
    }

    private Dictionary<string, string> Listicle(string title, string status, params string[] headings)
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = title,
            ["Form.Dek"] = "A short dek.",
            ["Form.Body"] = "An intro in our own words.",
            ["Form.Status"] = status,
            ["Form.CategoryId"] = CategoryId("tv").ToString(CultureInfo.InvariantCulture),
            ["Form.Kind"] = "Listicle",
            ["Form.Tags"] = "ensembles, brand new tag",
        };
        for (var i = 0; i < headings.Length; i++)
        {
            fields[$"Form.Items[{i}].Heading"] = headings[i];
            fields[$"Form.Items[{i}].Body"] = $"Why {headings[i]} matters.";
        }

        return fields;
    }

    [Fact]
    public async Task An_author_publishes_a_listicle_and_readers_see_it_with_its_count_warning_shown_to_the_author()
    {
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);

        using var saved = await author.PostFormAsync("/admin/articles/new", Listicle("5 sitcom finales worth a rewatch", "Published", "Cheers", "Frasier", "Seinfeld"), "/admin/articles/new?handler=Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editorPath = saved.Headers.Location!.OriginalString;
        var editor = await author.Client.GetDocumentAsync(editorPath);
        Assert.Contains(editor.QuerySelectorAll("#listicle-warnings li"), w => w.TextContent == "Title says 5, the list has 3 items.");
        var publicPath = editor.QuerySelectorAll("a").First(a => a.TextContent == "Public page").GetAttribute("href")!;
        var page = await site.CreateClient().GetDocumentAsync(publicPath);
        Assert.Equal(["1. Cheers", "2. Frasier", "3. Seinfeld"], page.QuerySelectorAll("ol.listicle h2").Select(h => h.Text()));
        Assert.Contains(page.QuerySelectorAll("a[href^='/tag/']"), a => a.Text() == "brand new tag");
    }

    [Fact]
    public async Task Moving_an_item_down_reorders_the_form_without_saving()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var response = await editor.PostFormAsync("/admin/articles/new", Listicle("3 shows", "Draft", "First", "Second", "Third"), "/admin/articles/new?handler=MoveItem&index=0&by=1");

        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Second", "First", "Third"], page.QuerySelectorAll("input.item-heading").Select(i => i.GetAttribute("value")));
        Assert.Equal(0, Db(db => db.Articles.CountAsync(a => a.Title == "3 shows")));
    }

    [Fact]
    public async Task A_contributor_saves_drafts_but_cannot_publish()
    {
        var contributor = await AdminSession.SignInAsNewAsync(site, Roles.Contributor);

        using var publish = await contributor.PostFormAsync("/admin/articles/new", Listicle("Contributor tries to publish", "Published", "One"), "/admin/articles/new?handler=Save");
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Contains("Contributors save drafts", await publish.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, Db(db => db.Articles.CountAsync(a => a.Title == "Contributor tries to publish")));

        using var draft = await contributor.PostFormAsync("/admin/articles/new", Listicle("Contributor drafts", "Draft", "One"), "/admin/articles/new?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(ArticleStatus.Draft, Db(db => db.Articles.Where(a => a.Title == "Contributor drafts").Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_author_cannot_edit_someone_elses_article_but_an_editor_can()
    {
        var demoId = Db(db => db.Articles.Where(a => a.Slug == "welcome-to-backlot").Select(a => a.Id).SingleAsync());
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var forbidden = await author.Client.GetAsync(new Uri($"/admin/articles/{demoId}", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var form = await editor.Client.GetDocumentAsync($"/admin/articles/{demoId}");
        Assert.Equal("Welcome to Backlot", form.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Missing_title_and_category_are_refused_naming_the_fields_and_nothing_is_stored()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var before = Db(db => db.Articles.CountAsync());

        using var response = await editor.PostFormAsync("/admin/articles/new", new() { ["Form.Title"] = "", ["Form.CategoryId"] = "0", ["Form.Status"] = "Draft" }, "/admin/articles/new?handler=Save");

        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("A title is required.", page.QuerySelector("[data-valmsg-for='Form.Title']")!.TextContent);
        Assert.Equal("Choose a category.", page.QuerySelector("[data-valmsg-for='Form.CategoryId']")!.TextContent);
        Assert.Equal(before, Db(db => db.Articles.CountAsync()));
    }

    [Fact]
    public async Task A_scheduled_article_goes_live_at_its_time_through_the_scheduled_publisher()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var fields = Listicle("2 scheduled picks", "Scheduled", "Alpha", "Beta");
        fields["Form.PublishAt"] = site.Clock.GetUtcNow().UtcDateTime.AddHours(5).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture); // site time zone is UTC

        using var saved = await editor.PostFormAsync("/admin/articles/new", fields, "/admin/articles/new?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (id, path) = Db(db => db.Articles.Where(a => a.Title == "2 scheduled picks").Select(a => new { a.Id, a.Slug, Category = a.Category.Slug }).SingleAsync()) is var a ? (a.Id, ArticleUrls.PathOf(a.Category, a.Slug)) : default;
        var reader = site.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);

        site.Clock.Advance(TimeSpan.FromHours(6));
        await using (var scope = site.Scope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(TestContext.Current.CancellationToken) >= 1);
        }

        Assert.Equal(ArticleStatus.Published, Db(db => db.Articles.Where(x => x.Id == id).Select(x => x.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Restoring_a_revision_brings_back_its_text_as_a_new_revision()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using var created = await editor.PostFormAsync("/admin/articles/new", Listicle("Original title", "Draft", "Kept"), "/admin/articles/new?handler=Save");
        var editorPath = created.Headers.Location!.OriginalString;
        using var changed = await editor.PostFormAsync(editorPath, Listicle("Changed title", "Draft", "Kept"), editorPath + "?handler=Save");
        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, Html.Parse(await changed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).QuerySelector(".errors")?.TextContent);

        var revisions = await editor.Client.GetDocumentAsync(editorPath + "/revisions");
        Assert.Contains(revisions.QuerySelectorAll(".diff-added"), l => l.TextContent.Contains("Title: Changed title", StringComparison.Ordinal));
        using var restored = await editor.PostFormAsync(editorPath + "/revisions", [], editorPath + "/revisions?handler=Restore&number=1");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var form = await editor.Client.GetDocumentAsync(editorPath);
        Assert.Equal("Original title", form.QuerySelector("input[name='Form.Title']")!.GetAttribute("value"));
        var id = int.Parse(editorPath.Split('/').Last(), CultureInfo.InvariantCulture);
        Assert.Equal(3, Db(db => db.Revisions.CountAsync(r => r.ArticleId == id)));
    }

    [Fact]
    public async Task An_image_uploaded_in_place_becomes_the_items_image()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using var image = Image.Black(800, 450, bands: 3) + new double[] { 30, 90, 160 };
        var jpeg = image.Cast(Enums.BandFormat.Uchar).JpegsaveBuffer();
        var files = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        files.Add(file, "Form.Items[0].NewImage", "whatever-name.exe");
        var fields = Listicle("1 uploaded picture", "Draft", "With a picture");
        fields["Form.Items[0].NewImageAlt"] = "A blue card";

        using var saved = await editor.PostFormAsync("/admin/articles/new", fields, "/admin/articles/new?handler=Save", files);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var media = Db(db => db.ListItems.Where(i => i.Heading == "With a picture").Select(i => i.Media).SingleAsync());
        Assert.NotNull(media);
        Assert.Equal("A blue card", media.AltText);
        Assert.Equal(800, media.Width);
        Assert.DoesNotContain("whatever", media.StorageKey, StringComparison.Ordinal);
    }
}
