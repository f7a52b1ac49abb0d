using System.Net;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Import;

/// <summary>WordPress exports as they really are: posts whose author is gone, two sites sharing post ids, files without a version, sites in a folder, titles with markup.</summary>
public sealed class RealWorldExportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Posts_without_an_author_are_attributed_to_a_fallback_author_that_the_summary_names()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var dryRun = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("posts-without-author.xml"), new WordPressImportOptions { DryRun = true });
        Assert.Equal(0, await CountAsync(site, db => db.Articles));

        var summary = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("posts-without-author.xml"));

        Assert.Equal((3, 2, "Night Shift Reviews"), (dryRun.Created, dryRun.PostsWithoutAuthor, dryRun.FallbackAuthor));
        Assert.Equal((3, 2, "Night Shift Reviews", 2), (summary.Created, summary.PostsWithoutAuthor, summary.FallbackAuthor, summary.Authors));
        await site.WithDbAsync(async db =>
        {
            var bylines = await db.Articles.OrderBy(a => a.Slug).Select(a => new { a.Slug, a.Author.Name }).ToListAsync(Cancel);
            Assert.Equal(
                [("no-creator", "Night Shift Reviews"), ("orphaned-review", "Night Shift Reviews"), ("signed-column", "Mara Quill")],
                bylines.Select(b => (b.Slug, b.Name)));
        });

        var again = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("posts-without-author.xml"));
        Assert.Equal((0, 3), (again.Created, again.Updated));
        Assert.Equal(2, await CountAsync(site, db => db.Authors));
    }

    [Fact]
    public async Task A_second_site_whose_post_ids_collide_adds_new_articles_and_leaves_the_first_intact()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        await ImportFixtures.ImportAsync(site, ImportFixtures.Own("site-a.xml"));

        var second = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("site-b.xml"));

        Assert.Equal((2, 0), (second.Created, second.Updated));
        await site.WithDbAsync(async db =>
        {
            Assert.Equal(["About", "Opening night", "Premiere week", "Sample Page"], await db.Articles.OrderBy(a => a.Title).Select(a => a.Title).ToListAsync(Cancel));
            Assert.Equal(2, await db.Set<Comment>().CountAsync(Cancel));
        });

        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (old, target) in (ValueTuple<string, string>[])[("/about/", "/pages/about"), ("/sample-page/", "/pages/sample-page"), ("/2022/05/02/opening-night/", "/news/opening-night"), ("/2022/05/02/premiere-week/", "/news/premiere-week")])
        {
            using var response = await client.GetAsync(new Uri(old, UriKind.Relative), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old} answered {response.StatusCode}");
            Assert.Equal(target, response.Headers.Location!.OriginalString);
            using var page = await client.GetAsync(response.Headers.Location, Cancel);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{old} leads to {target}, which answered {page.StatusCode}");
        }

        // Both sites had a post 1: the first site's keeps the shared old address.
        using (var shared = await client.GetAsync(new Uri("/?p=1", UriKind.Relative), Cancel))
        {
            Assert.Equal("/news/opening-night", shared.Headers.Location!.OriginalString);
        }

        var againB = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("site-b.xml"));
        var againA = await ImportFixtures.ImportAsync(site, ImportFixtures.Own("site-a.xml"));
        Assert.Equal((0, 2, 0, 2), (againB.Created, againB.Updated, againA.Created, againA.Updated));
        Assert.Equal(4, await CountAsync(site, db => db.Articles));
        Assert.Equal(2, await CountAsync(site, db => db.Set<Comment>()));
    }

    [Theory]
    [InlineData("missing-wxr-version.xml", "<wp:wxr_version> is missing")]
    [InlineData("invalid-wxr-version.xml", "<wp:wxr_version> \"one point two\" is not a version number like 1.2")]
    public async Task A_file_without_a_valid_wxr_version_is_refused_unless_forced_and_then_says_what_was_assumed(string name, string problem)
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        var file = ImportFixtures.Own(name);

        var refused = await Assert.ThrowsAsync<WxrFormatException>(() => ImportFixtures.ImportAsync(site, file));
        Assert.Equal(0, await CountAsync(site, db => db.Articles));

        var forced = await ImportFixtures.ImportAsync(site, file, new WordPressImportOptions { Force = true });

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.Equal("1.2", forced.WxrVersion);
        Assert.Contains($"{problem}: read as WXR 1.2, as --force asked", forced.Warnings);
        Assert.Equal(1, await CountAsync(site, db => db.Articles));
    }

    [Fact]
    public async Task Old_addresses_of_a_site_installed_in_a_subfolder_redirect_to_the_new_articles()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        await ImportFixtures.ImportAsync(site, ImportFixtures.Own("subfolder-site.xml"));
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (old, target) in (ValueTuple<string, string>[])[
            ("/blog/?p=10", "/trailers/trailer-breakdown"), ("/blog?p=10", "/trailers/trailer-breakdown"), ("/?p=10", "/trailers/trailer-breakdown"),
            ("/blog/2024/03/01/trailer-breakdown/", "/trailers/trailer-breakdown"), ("/blog/?page_id=12", "/pages/contact"), ("/?page_id=12", "/pages/contact")])
        {
            using var response = await client.GetAsync(new Uri(old, UriKind.Relative), Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old} answered {response.StatusCode}");
            Assert.Equal(target, response.Headers.Location!.OriginalString);
        }

        using var unknown = await client.GetAsync(new Uri("/blog/?p=999", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Titles_with_inline_markup_and_bylines_with_stray_characters_come_through_clean()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        var file = ImportFixtures.Own("marked-up-titles.xml");
        await ImportFixtures.ImportAsync(site, file);
        await ImportFixtures.ImportAsync(site, file); // a second import must not rename the author after the raw creator field

        await site.WithDbAsync(async db =>
        {
            var articles = await db.Articles.OrderBy(a => a.Slug).Select(a => new { a.Slug, a.Title, Author = a.Author.Name }).ToListAsync(Cancel);
            Assert.Equal(
                [("markup-title", "Title With Markup", "Theme Reviewer"), ("two-lines", "Two lines and one word", "guestwriter")],
                articles.Select(a => (a.Slug, a.Title, a.Author)));
            Assert.Equal(2, await db.Authors.CountAsync(Cancel));
        });

        var page = await site.CreateClient().GetDocumentAsync("/uncategorized/markup-title");
        Assert.Equal("Title With Markup", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("By Theme Reviewer", page.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync<T>(BacklotFactory site, Func<Backlot.Data.BacklotDb, IQueryable<T>> rows)
    {
        var count = 0;
        await site.WithDbAsync(async db => count = await rows(db).CountAsync(Cancel));
        return count;
    }
}
