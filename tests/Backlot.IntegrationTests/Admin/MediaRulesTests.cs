using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Backlot.Data;
using Backlot.Features.Accounts;
using Backlot.Features.Articles;
using Backlot.Features.Media;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetVips;

namespace Backlot.IntegrationTests.Admin;

/// <summary>Who may upload and change images, whichever page they come through, and what an upload may cost.</summary>
public sealed class MediaRulesTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    private async Task<T> DbAsync<T>(Func<BacklotDb, Task<T>> read)
    {
        await using var scope = site.Scope();
        return await read(scope.ServiceProvider.GetRequiredService<BacklotDb>());
    }

    private static MultipartFormDataContent File(string field, byte[] content, string contentType = "image/png")
    {
        var files = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        files.Add(file, field, "picture.png");
        return files;
    }

    private static byte[] SmallPng()
    {
        using var image = Image.Black(400, 300, bands: 3) + new double[] { 20, 120, 60 };
        using var pixels = image.Cast(Enums.BandFormat.Uchar);
        return pixels.PngsaveBuffer();
    }

    private async Task<Dictionary<string, string>> ListicleAsync(string title)
    {
        var category = await DbAsync(db => db.Categories.Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken));
        return new()
        {
            ["Form.Title"] = title,
            ["Form.Dek"] = "A short dek.",
            ["Form.Body"] = "An intro.",
            ["Form.Status"] = "Draft",
            ["Form.CategoryId"] = category.ToString(CultureInfo.InvariantCulture),
            ["Form.Kind"] = "Listicle",
            ["Form.Items[0].Heading"] = "The first",
            ["Form.Items[0].Body"] = "Why it matters.",
            ["Form.Items[0].NewImageAlt"] = "A green card",
        };
    }

    [Fact]
    public async Task A_contributor_cannot_upload_an_image_through_the_article_editor_and_nothing_is_stored()
    {
        var contributor = await AdminSession.SignInAsNewAsync(site, Roles.Contributor);
        var before = await DbAsync(db => db.Media.CountAsync(TestContext.Current.CancellationToken));

        using var saved = await contributor.PostFormAsync("/admin/articles/new", await ListicleAsync("Contributor upload"), "/admin/articles/new?handler=Save", File("Form.Items[0].NewImage", SmallPng()));

        Assert.NotEqual(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("cannot upload images", await saved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, await DbAsync(db => db.Media.CountAsync(TestContext.Current.CancellationToken)));
        Assert.False(await DbAsync(db => db.Articles.AnyAsync(a => a.Title == "Contributor upload", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_small_file_of_a_16_bit_high_resolution_png_is_refused_by_the_editor_and_the_library_with_the_limit_named()
    {
        using var black = Image.Black(5000, 5000, bands: 4);
        using var wide = black.Cast(Enums.BandFormat.Ushort);
        using var deep = wide.Copy(interpretation: Enums.Interpretation.Rgb16);
        var png = deep.PngsaveBuffer(compression: 9, bitdepth: 16);
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var before = await DbAsync(db => db.Media.CountAsync(TestContext.Current.CancellationToken));

        using var library = await author.PostFormAsync("/admin/media", [], "/admin/media?handler=Upload", File("files", png));
        using var editor = await author.PostFormAsync("/admin/articles/new", await ListicleAsync("Deep picture"), "/admin/articles/new?handler=Save", File("Form.Items[0].NewImage", png));

        var limit = $"at most {ImageProcessor.MaxDecodedBytes / 1_000_000} MB decoded";
        Assert.Equal(HttpStatusCode.BadRequest, library.StatusCode);
        Assert.Contains(limit, await library.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Contains(limit, await editor.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, await DbAsync(db => db.Media.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_author_changes_the_details_of_their_own_upload_but_not_of_another_authors_image()
    {
        var mine = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var other = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        using var uploaded = await mine.PostFormAsync("/admin/media", new() { ["altText"] = "Mine" }, "/admin/media?handler=Upload", File("files", SmallPng()));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var id = await DbAsync(db => db.Media.Where(m => m.AltText == "Mine").Select(m => m.Id).SingleAsync(TestContext.Current.CancellationToken));

        using var refused = await other.PostFormAsync($"/admin/media/{id}", new() { ["AltText"] = "Defaced", ["Caption"] = "x", ["Credit"] = "y" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Mine", await DbAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(TestContext.Current.CancellationToken)));

        using var allowed = await mine.PostFormAsync($"/admin/media/{id}", new() { ["AltText"] = "Still mine", ["Caption"] = "", ["Credit"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal("Still mine", await DbAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_author_cannot_change_the_hero_of_a_published_article_but_an_editor_can_and_the_cached_page_shows_it()
    {
        var (heroId, path) = await DbAsync(async db =>
        {
            var article = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.HeroMediaId != null)
                .Select(a => new { a.HeroMediaId, a.Category.Slug, ArticleSlug = a.Slug }).FirstAsync(TestContext.Current.CancellationToken);
            return (article.HeroMediaId!.Value, $"/{article.Slug}/{article.ArticleSlug}");
        });
        var reader = site.CreateClient();
        Assert.DoesNotContain("Re-described hero", await reader.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var author = await AdminSession.SignInAsNewAsync(site, Roles.Author);
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);

        using var refused = await author.PostFormAsync($"/admin/media/{heroId}", new() { ["AltText"] = "Defaced", ["Caption"] = "", ["Credit"] = "" });
        using var saved = await editor.PostFormAsync($"/admin/media/{heroId}", new() { ["AltText"] = "Re-described hero", ["Caption"] = "", ["Credit"] = "" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Re-described hero", await reader.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
