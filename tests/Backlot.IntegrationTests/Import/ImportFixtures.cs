using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Import;

/// <summary>The shared WordPress fixtures, and WXR files built in the tests.</summary>
internal static partial class ImportFixtures
{
    /// <summary>The path of a file under ../shared/fixtures, or a skip naming the folder when it is absent.</summary>
    public static string Require(string relative)
    {
        var folder = TestEnvironment.SharedFixtures;
        if (folder is null || !File.Exists(Path.Combine(folder, relative)))
        {
            Assert.Skip($"The shared fixture ../shared/fixtures/{relative} (beside the repository) is absent.");
        }

        return Path.Combine(folder!, relative);
    }

    /// <summary>A WXR file of this project's own (Import/Fixtures), each written for one case an importer gets wrong.</summary>
    public static string Own(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    /// <summary>The names of this project's own WXR files.</summary>
    public static IEnumerable<string> OwnNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures"), "*.xml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static async Task<ImportSummary> ImportAsync(BacklotFactory site, string path, WordPressImportOptions? options = null)
    {
        await using var scope = site.Scope();
        return await scope.ServiceProvider.GetRequiredService<WordPressImporter>()
            .ImportAsync(path, options ?? new WordPressImportOptions(), null, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A one-post WXR with the structure of the seed article: a title, intro paragraphs, then
    /// "N. Heading" lines each followed by an image (the line repeating the heading) and text.
    /// </summary>
    public static string SeedListicleWxr(string seedArticlePath, long postId, string slug)
    {
        var lines = File.ReadAllLines(seedArticlePath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var title = lines[0];
        var body = new StringBuilder();
        string? heading = null;
        foreach (var line in lines.Skip(1))
        {
            if (NumberedLine().Match(line) is { Success: true } numbered)
            {
                heading = numbered.Groups[2].Value;
                body.Append($"<!-- wp:heading -->\n<h2>{WebUtility.HtmlEncode(line)}</h2>\n<!-- /wp:heading -->\n\n");
                continue;
            }

            if (heading is not null && line == heading)
            {
                body.Append($"<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"https://old.example/wp-content/uploads/2021/05/{Regex.Replace(heading.ToLowerInvariant(), "[^a-z]+", "-")}.jpg\" alt=\"{WebUtility.HtmlEncode(heading)}\"/></figure>\n<!-- /wp:image -->\n\n");
                continue;
            }

            body.Append($"<!-- wp:paragraph -->\n<p>{WebUtility.HtmlEncode(line)}</p>\n<!-- /wp:paragraph -->\n\n");
        }

        return Wxr($"""
            <item>
              <title><![CDATA[{title}]]></title>
              <link>https://old.example/2021/05/14/{slug}/</link>
              <pubDate>Fri, 14 May 2021 10:00:00 +0000</pubDate>
              <dc:creator><![CDATA[editor]]></dc:creator>
              <guid isPermaLink="false">https://old.example/?p={postId}</guid>
              <content:encoded><![CDATA[{body}]]></content:encoded>
              <excerpt:encoded><![CDATA[]]></excerpt:encoded>
              <wp:post_id>{postId}</wp:post_id>
              <wp:post_date>2021-05-14 12:00:00</wp:post_date>
              <wp:post_date_gmt>2021-05-14 10:00:00</wp:post_date_gmt>
              <wp:post_name>{slug}</wp:post_name>
              <wp:status>publish</wp:status>
              <wp:post_type>post</wp:post_type>
              <category domain="category" nicename="movies"><![CDATA[Movies]]></category>
              <wp:postmeta><wp:meta_key>_yoast_wpseo_title</wp:meta_key><wp:meta_value><![CDATA[%%title%% %%sep%% %%sitename%%]]></wp:meta_value></wp:postmeta>
              <wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key><wp:meta_value><![CDATA[Ten scenes, and the secrets behind them.]]></wp:meta_value></wp:postmeta>
            </item>
            """);
    }

    public static string Wxr(string items) => $"""
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Old Site</title>
        <link>https://old.example</link>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://old.example</wp:base_site_url>
        <wp:author><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email>editor@old.example</wp:author_email><wp:author_display_name><![CDATA[The Editor]]></wp:author_display_name></wp:author>
        {items}
        </channel>
        </rss>
        """;

    public static string WriteTemporary(string xml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"backlot-wxr-{Guid.NewGuid():N}.xml");
        File.WriteAllText(path, xml);
        return path;
    }

    [GeneratedRegex(@"^(\d+)\.\s+(.+)$")]
    private static partial Regex NumberedLine();
}
