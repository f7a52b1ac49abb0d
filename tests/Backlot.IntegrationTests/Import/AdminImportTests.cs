using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Backlot.Features.Accounts;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Import;

public sealed class AdminImportTests(EmptySiteFactory site) : IClassFixture<EmptySiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_uploads_an_export_and_watches_it_import_in_the_background()
    {
        var file = ImportFixtures.Require("wxr/theme-unit-test-data.xml");
        var expected = WordPressImportTests.Count(XDocument.Load(file));
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);

        using var dryRun = await UploadAsync(admin, file, dryRun: true);
        var checkedOnly = await WaitForEndAsync(admin, dryRun.Headers.Location!.OriginalString);
        Assert.Equal("Succeeded", checkedOnly.State);
        Assert.Contains("nothing was imported", checkedOnly.Page, StringComparison.Ordinal);
        await using (var scope = site.Scope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.CountAsync(Cancel));
        }

        using var upload = await UploadAsync(admin, file, dryRun: false);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var done = await WaitForEndAsync(admin, upload.Headers.Location!.OriginalString);

        Assert.Equal("Succeeded", done.State);
        Assert.Equal(expected.Posts.ToString(System.Globalization.CultureInfo.InvariantCulture), Html.Parse(done.Page).QuerySelector(".import-posts")!.Text());
        await using (var scope = site.Scope())
        {
            Assert.Equal(expected.Posts + expected.Pages, await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.CountAsync(Cancel));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(site.DataPath, "imports"))); // the upload is removed once imported
        var list = await admin.Client.GetStringAsync("/admin/import", Cancel);
        Assert.Contains("theme-unit-test-data.xml", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_export_fails_on_its_page_with_the_place_of_the_error_and_imports_nothing()
    {
        var file = ImportFixtures.Require("wxr/malformed-simple.xml");
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        int before;
        await using (var scope = site.Scope())
        {
            before = await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.CountAsync(Cancel);
        }

        using var upload = await UploadAsync(admin, file, dryRun: false);
        var failed = await WaitForEndAsync(admin, upload.Headers.Location!.OriginalString);

        Assert.Equal("Failed", failed.State);
        Assert.Contains("line", Html.Parse(failed.Page).QuerySelector(".import-state")!.Text(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(site.DataPath, failed.Page, StringComparison.Ordinal); // no server paths on the page
        await using (var scope = site.Scope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.CountAsync(Cancel));
        }
    }

    [Fact]
    public async Task A_file_without_a_wxr_version_fails_on_its_page_with_the_reason_and_imports_nothing()
    {
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        var before = await ArticleCountAsync();

        using var upload = await UploadAsync(admin, ImportFixtures.Own("invalid-wxr-version.xml"), dryRun: false);
        var failed = await WaitForEndAsync(admin, upload.Headers.Location!.OriginalString);

        Assert.Equal("Failed", failed.State);
        Assert.Contains("invalid-wxr-version.xml is refused: <wp:wxr_version> \"one point two\" is not a version number like 1.2.", Html.Parse(failed.Page).QuerySelector(".import-state")!.Text(), StringComparison.Ordinal);
        Assert.Equal(before, await ArticleCountAsync());
    }

    [Fact]
    public async Task The_import_page_shows_the_counts_the_database_holds_afterwards()
    {
        await using var own = new EmptySiteFactory(); // the class's shared site must stay empty for the tests that count from zero
        await own.InitializeAsync();
        var admin = await AdminSession.SignInAsNewAsync(own, Roles.Administrator);
        int authorsBefore; // the administrator's account has its byline
        await using (var before = own.Scope())
        {
            authorsBefore = await before.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Authors.CountAsync(Cancel);
        }

        using var upload = await UploadAsync(admin, ImportFixtures.Own("posts-without-author.xml"), dryRun: false);
        var done = await WaitForEndAsync(admin, upload.Headers.Location!.OriginalString);

        Assert.Equal("Succeeded", done.State);
        var page = Html.Parse(done.Page);
        int Shown(string name) => int.Parse(page.QuerySelector(".import-" + name)!.Text(), CultureInfo.InvariantCulture);
        await using var scope = own.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>();
        Assert.Equal(await db.Articles.CountAsync(Cancel), Shown("created"));
        Assert.Equal(await db.Authors.CountAsync(Cancel) - authorsBefore, Shown("authors"));
        Assert.Equal(await db.Categories.CountAsync(Cancel), Shown("categories"));
        Assert.Equal(await db.Redirects.CountAsync(Cancel), Shown("redirects"));
        Assert.Equal(await db.Articles.CountAsync(a => a.Author.Name == "Night Shift Reviews", Cancel), Shown("without-author"));
        Assert.Equal(3, Shown("posts"));
        Assert.Contains("(now by Night Shift Reviews)", done.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_is_refused_before_it_is_stored()
    {
        var admin = await AdminSession.SignInAsNewAsync(site, Roles.Administrator);
        var notXml = Path.Combine(site.DataPath, "holiday.jpg");
        await File.WriteAllBytesAsync(notXml, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F'], Cancel);

        using var response = await UploadAsync(admin, notXml, dryRun: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is not a WordPress export", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site.DataPath, "imports")) && Directory.GetFiles(Path.Combine(site.DataPath, "imports")).Length > 0);
    }

    [Fact]
    public async Task Only_administrators_may_import()
    {
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        using var response = await editor.Client.GetAsync("/admin/import", Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<int> ArticleCountAsync()
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<Backlot.Data.BacklotDb>().Articles.CountAsync(Cancel);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AdminSession admin, string path, bool dryRun)
    {
        var files = new MultipartFormDataContent();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(path, Cancel));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        files.Add(content, "Export", Path.GetFileName(path));
        return await admin.PostFormAsync("/admin/import", new() { ["DryRun"] = dryRun ? "true" : "false" }, files: files);
    }

    private static async Task<(string State, string Page)> WaitForEndAsync(AdminSession admin, string statusPath)
    {
        for (var attempt = 0; attempt < 240; attempt++)
        {
            var page = await admin.Client.GetStringAsync(statusPath, Cancel);
            var state = Html.Parse(page).QuerySelector(".import-state")!.GetAttribute("data-state")!;
            if (state is "Succeeded" or "Failed")
            {
                return (state, page);
            }

            Assert.Contains("http-equiv=\"refresh\"", page, StringComparison.Ordinal); // a running import's page refreshes itself
            await Task.Delay(250, Cancel);
        }

        throw new TimeoutException($"{statusPath} did not finish within a minute");
    }
}
