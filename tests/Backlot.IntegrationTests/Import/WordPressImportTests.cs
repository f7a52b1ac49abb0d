using System.Net;
using System.Xml.Linq;
using Backlot.Features.Articles;
using Backlot.Features.Comments;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Import;

public sealed class WordPressImportTests
{
    [Fact]
    public async Task The_theme_unit_test_export_brings_every_post_page_comment_category_and_tag()
    {
        var file = ImportFixtures.Require("wxr/theme-unit-test-data.xml");
        var expected = Count(XDocument.Load(file));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var summary = await ImportFixtures.ImportAsync(site, file);

        Assert.Equal((expected.Posts, expected.Pages, expected.Comments), (summary.Posts, summary.Pages, summary.Comments));
        await site.WithDbAsync(async db =>
        {
            Assert.Equal(expected.Posts + expected.Pages, await db.Articles.CountAsync());
            Assert.Equal(expected.Pages, await db.Articles.CountAsync(a => a.Category.Slug == WordPressImporter.PagesCategorySlug));
            Assert.Equal(expected.Comments, await db.Set<Comment>().CountAsync());
            Assert.Equal(expected.Categories + (expected.Pages > 0 ? 1 : 0), await db.Categories.CountAsync());
            Assert.Equal(expected.Tags, await db.Tags.CountAsync());
            Assert.Equal(expected.Authors, await db.Authors.CountAsync());
        });

        var paths = new List<string>();
        await site.WithDbAsync(async db => paths = await db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderBy(a => a.Id).Select(a => "/" + a.Category.Slug + "/" + a.Slug).ToListAsync());
        var client = site.CreateClient();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Importing_the_same_export_again_updates_instead_of_duplicating()
    {
        var file = ImportFixtures.Require("wxr/theme-unit-test-data.xml");
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        await ImportFixtures.ImportAsync(site, file);
        var before = await CountsAsync(site);

        var again = await ImportFixtures.ImportAsync(site, file);

        Assert.Equal(0, again.Created);
        Assert.Equal(again.Posts + again.Pages, again.Updated);
        Assert.Equal(before, await CountsAsync(site));
    }

    [Fact]
    public async Task Malformed_xml_is_refused_with_its_line_and_column_and_nothing_is_imported()
    {
        var file = ImportFixtures.Require("wxr/malformed-simple.xml");
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var error = await Assert.ThrowsAsync<WxrFormatException>(() => ImportFixtures.ImportAsync(site, file));

        Assert.Matches(@"malformed-simple\.xml is not well-formed XML at line \d+, column \d+", error.Message);
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(site));
    }

    [Fact]
    public async Task A_file_that_is_not_a_wordpress_export_is_refused_by_name()
    {
        var file = ImportFixtures.WriteTemporary("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Not WordPress</title></feed>");
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var error = await Assert.ThrowsAsync<WxrFormatException>(() => ImportFixtures.ImportAsync(site, file));

        Assert.StartsWith($"{file} is not a WordPress export (WXR)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wxr_1_1_and_the_simple_export_import_with_their_posts()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        foreach (var name in (string[])["wxr/valid-wxr-1.1.xml", "wxr/wxr-simple.xml"])
        {
            var file = ImportFixtures.Require(name);
            var expected = Count(XDocument.Load(file));

            var summary = await ImportFixtures.ImportAsync(site, file);

            Assert.Equal((expected.Posts, expected.Pages, expected.Comments), (summary.Posts, summary.Pages, summary.Comments));
        }
    }

    [Fact]
    public async Task A_post_shaped_like_the_seed_article_becomes_a_listicle_flagged_for_its_count()
    {
        var seed = ImportFixtures.Require("seed-article.txt");
        var file = ImportFixtures.WriteTemporary(ImportFixtures.SeedListicleWxr(seed, 4242, "behind-the-scenes-details"));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var summary = await ImportFixtures.ImportAsync(site, file);

        Assert.Equal(1, summary.Listicles);
        Assert.Contains(summary.Warnings, w => w.EndsWith("the intro says 15, the list has 10", StringComparison.Ordinal));
        await site.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.Items).SingleAsync();
            Assert.Equal(ArticleKind.Listicle, article.Kind);
            Assert.Equal(10, article.Items.Count);
            Assert.Equal("The glow", article.Items.Single(i => i.Position == 1).Heading);
            Assert.Equal("Stranger Things", article.Items.Single(i => i.Position == 10).Heading);
            Assert.Contains("Here are 15 details", article.BodyHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("wp:", article.BodyHtml, StringComparison.Ordinal);
            Assert.Equal("Ten scenes, and the secrets behind them.", article.SeoDescription);
            Assert.StartsWith(article.Title, article.SeoTitle, StringComparison.Ordinal);
        });

        var page = await site.CreateClient().GetDocumentAsync("/movies/behind-the-scenes-details");
        Assert.Equal(10, page.QuerySelectorAll("li.listicle__item").Length);
        Assert.NotNull(page.QuerySelector("#item-10"));
    }

    [Fact]
    public async Task Old_wordpress_urls_answer_with_a_permanent_redirect_to_the_new_one()
    {
        var seed = ImportFixtures.Require("seed-article.txt");
        var file = ImportFixtures.WriteTemporary(ImportFixtures.SeedListicleWxr(seed, 4243, "secrets-of-famous-scenes"));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        await ImportFixtures.ImportAsync(site, file);
        var client = site.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var old in (string[])["/?p=4243", "/2021/05/14/secrets-of-famous-scenes/", "/2021/05/secrets-of-famous-scenes/", "/secrets-of-famous-scenes/"])
        {
            using var response = await client.GetAsync(new Uri(old, UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.MovedPermanently, $"{old} answered {response.StatusCode}");
            Assert.Equal("/movies/secrets-of-famous-scenes", response.Headers.Location!.OriginalString);
        }

        using var home = await client.GetAsync(new Uri("/?p=999999", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Comments_keep_their_status_threading_and_private_email()
    {
        var file = ImportFixtures.WriteTemporary(ImportFixtures.Wxr("""
            <item><title>Talk</title><wp:post_id>5</wp:post_id><wp:post_name>talk</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
              <wp:post_date_gmt>2022-01-01 10:00:00</wp:post_date_gmt><dc:creator>editor</dc:creator>
              <content:encoded><![CDATA[Hello]]></content:encoded>
              <wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Ann</wp:comment_author><wp:comment_author_email>ann@private.example</wp:comment_author_email><wp:comment_author_IP>203.0.113.9</wp:comment_author_IP><wp:comment_date_gmt>2022-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content><![CDATA[<p>Loved it</p>]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
              <wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_author>Bo</wp:comment_author><wp:comment_content>Me too</wp:comment_content><wp:comment_approved>0</wp:comment_approved><wp:comment_parent>1</wp:comment_parent></wp:comment>
              <wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Bot</wp:comment_author><wp:comment_content>Buy</wp:comment_content><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
            </item>
            """));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        await ImportFixtures.ImportAsync(site, file);

        await site.WithDbAsync(async db =>
        {
            var comments = (await db.Set<Comment>().ToListAsync()).OrderBy(c => c.AuthorName, StringComparer.Ordinal).ToList(); // Ann, Bo, Bot
            Assert.Equal([CommentStatus.Approved, CommentStatus.Pending, CommentStatus.Spam], comments.Select(c => c.Status));
            Assert.Equal(comments[0].Id, comments[1].ParentId);
            Assert.Null(comments[2].ParentId);
            Assert.Equal("ann@private.example", comments[0].AuthorEmail);
            Assert.Equal(64, comments[0].IpHash.Length);
            Assert.DoesNotContain("203.0.113.9", comments[0].IpHash, StringComparison.Ordinal);
            Assert.Equal("Loved it", comments[0].Body);
        });
        var page = await site.CreateClient().GetStringAsync(new Uri("/uncategorized/talk", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("ann@private.example", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_and_changes_nothing()
    {
        var file = ImportFixtures.Require("wxr/wxr-simple.xml");
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var summary = await ImportFixtures.ImportAsync(site, file, new WordPressImportOptions { DryRun = true });

        Assert.True(summary.Posts > 0);
        Assert.Equal((0, 0, 0, 0, 0), await CountsAsync(site));
    }

    [Fact]
    public async Task Images_from_the_media_folder_are_copied_and_a_missing_one_is_a_warning()
    {
        var media = Directory.CreateTempSubdirectory("backlot-uploads-").FullName;
        Directory.CreateDirectory(Path.Combine(media, "2021", "05"));
        await File.WriteAllBytesAsync(Path.Combine(media, "2021", "05", "glow.jpg"), Backlot.Features.Demo.PosterCard.Draw("The glow", null), TestContext.Current.CancellationToken);
        var file = ImportFixtures.WriteTemporary(ImportFixtures.Wxr("""
            <item><title>glow</title><wp:post_id>10</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example/wp-content/uploads/2021/05/glow.jpg</wp:attachment_url>
              <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>2021/05/glow.jpg</wp:meta_value></wp:postmeta>
              <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>A corridor</wp:meta_value></wp:postmeta></item>
            <item><title>gone</title><wp:post_id>11</wp:post_id><wp:post_type>attachment</wp:post_type><wp:attachment_url>https://old.example/wp-content/uploads/2021/05/gone.jpg</wp:attachment_url></item>
            <item><title>Glow</title><wp:post_id>12</wp:post_id><wp:post_name>glow</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><dc:creator>editor</dc:creator>
              <content:encoded><![CDATA[<p>Look:</p><p><img src="https://old.example/wp-content/uploads/2021/05/glow-300x200.jpg" class="wp-image-10"></p>]]></content:encoded>
              <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>10</wp:meta_value></wp:postmeta></item>
            """));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();

        var summary = await ImportFixtures.ImportAsync(site, file, new WordPressImportOptions { MediaDirectory = media });

        Assert.Equal(1, summary.MediaCopied);
        Assert.Contains(summary.Warnings, w => w.Contains("gone.jpg", StringComparison.Ordinal) && w.Contains("not found", StringComparison.Ordinal));
        await site.WithDbAsync(async db =>
        {
            var article = await db.Articles.Include(a => a.HeroMedia).SingleAsync();
            Assert.Equal("A corridor", article.HeroMedia!.AltText);
            Assert.Contains($"/media/{article.HeroMedia.StorageKey}/", article.BodyHtml, StringComparison.Ordinal);
            Assert.DoesNotContain("old.example", article.BodyHtml, StringComparison.Ordinal);
        });
    }

    internal static (int Posts, int Pages, int Comments, int Categories, int Tags, int Authors) Count(XDocument document)
    {
        static string Local(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value.Trim() ?? "";
        var channel = document.Root!.Element("channel")!;
        var items = channel.Elements("item").ToList();
        var imported = items.Where(i => Local(i, "post_type") is "post" or "page").ToList();
        var categories = channel.Elements().Where(e => e.Name.LocalName == "category").Select(e => Local(e, "category_nicename"))
            .Concat(imported.SelectMany(i => i.Elements("category")).Where(c => (string?)c.Attribute("domain") == "category").Select(c => (string?)c.Attribute("nicename") ?? c.Value))
            .ToHashSet(StringComparer.Ordinal);
        if (imported.Any(i => Local(i, "post_type") == "post" && !i.Elements("category").Any(c => (string?)c.Attribute("domain") == "category")))
        {
            categories.Add("uncategorized"); // WordPress files a post without a category under "Uncategorized"
        }

        var tags = channel.Elements().Where(e => e.Name.LocalName == "tag").Select(e => Local(e, "tag_slug"))
            .Concat(imported.SelectMany(i => i.Elements("category")).Where(c => (string?)c.Attribute("domain") == "post_tag").Select(c => (string?)c.Attribute("nicename") ?? c.Value))
            .ToHashSet(StringComparer.Ordinal);
        var authors = channel.Elements().Where(e => e.Name.LocalName == "author").Select(e => Local(e, "author_login"))
            .Concat(imported.Select(i => i.Elements().FirstOrDefault(e => e.Name.LocalName == "creator")?.Value.Trim() ?? "").Where(c => c.Length > 0))
            .Select(login => new string([.. login.Where(char.IsLetterOrDigit)]).ToLowerInvariant()) // stray markup around a login ("&gt;admin") is the same person
            .ToHashSet(StringComparer.Ordinal);
        return (
            imported.Count(i => Local(i, "post_type") == "post"),
            imported.Count(i => Local(i, "post_type") == "page"),
            imported.Sum(i => i.Elements().Count(e => e.Name.LocalName == "comment")),
            categories.Count,
            tags.Count,
            authors.Count);
    }

    private static async Task<(int Articles, int Comments, int Categories, int Tags, int Redirects)> CountsAsync(BacklotFactory site)
    {
        var counts = (0, 0, 0, 0, 0);
        await site.WithDbAsync(async db => counts = (
            await db.Articles.CountAsync(), await db.Set<Comment>().CountAsync(), await db.Categories.CountAsync(), await db.Tags.CountAsync(), await db.Redirects.CountAsync()));
        return counts;
    }
}
