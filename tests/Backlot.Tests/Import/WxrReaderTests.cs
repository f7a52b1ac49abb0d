using System.Text;
using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class WxrReaderTests
{
    private const string Header = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
             xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
        <channel>
        <title>Reel Talk</title>
        <wp:wxr_version>1.2</wp:wxr_version>
        <wp:base_site_url>https://reeltalk.example</wp:base_site_url>
        """;

    private static List<WxrEntry> Read(string xml) => [.. new WxrReader("test.xml").Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)))];

    [Fact]
    public void Reads_authors_terms_and_a_post_with_its_meta_and_threaded_comments()
    {
        var entries = Read(Header + """
            <wp:author><wp:author_login><![CDATA[maria]]></wp:author_login><wp:author_email>maria@reeltalk.example</wp:author_email><wp:author_display_name><![CDATA[María Ortiz]]></wp:author_display_name></wp:author>
            <wp:category><wp:category_nicename>horror</wp:category_nicename><wp:category_parent>movies</wp:category_parent><wp:cat_name><![CDATA[Horror]]></wp:cat_name></wp:category>
            <wp:tag><wp:tag_slug>kubrick</wp:tag_slug><wp:tag_name><![CDATA[Kubrick]]></wp:tag_name></wp:tag>
            <item>
              <title>Inside the Overlook</title>
              <link>https://reeltalk.example/2024/06/05/inside-the-overlook/</link>
              <dc:creator><![CDATA[maria]]></dc:creator>
              <guid isPermaLink="false">https://reeltalk.example/?p=42</guid>
              <content:encoded><![CDATA[<p>Body</p>]]></content:encoded>
              <excerpt:encoded><![CDATA[A short dek]]></excerpt:encoded>
              <wp:post_id>42</wp:post_id>
              <wp:post_date>2024-06-05 18:04:48</wp:post_date>
              <wp:post_date_gmt>2024-06-05 16:04:48</wp:post_date_gmt>
              <wp:post_name>inside-the-overlook</wp:post_name>
              <wp:status>publish</wp:status>
              <wp:post_type>post</wp:post_type>
              <wp:is_sticky>1</wp:is_sticky>
              <category domain="category" nicename="horror"><![CDATA[Horror]]></category>
              <category domain="post_tag" nicename="kubrick"><![CDATA[Kubrick]]></category>
              <wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key><wp:meta_value><![CDATA[Room 237, explained]]></wp:meta_value></wp:postmeta>
              <wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>Ann</wp:comment_author><wp:comment_author_email>ann@example.com</wp:comment_author_email><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent><wp:comment_content>First</wp:comment_content></wp:comment>
              <wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_author>Bo</wp:comment_author><wp:comment_approved>spam</wp:comment_approved><wp:comment_parent>7</wp:comment_parent><wp:comment_content>Reply</wp:comment_content></wp:comment>
            </item>
            </channel></rss>
            """);

        Assert.Equal("1.2", Assert.Single(entries.OfType<WxrSite>()).Version);
        Assert.Equal("1.2", Assert.Single(entries.OfType<WxrSite>()).DeclaredVersion);
        Assert.Equal("María Ortiz", Assert.Single(entries.OfType<WxrAuthor>()).DisplayName);
        Assert.Equal(new WxrCategory("horror", "Horror", "movies", ""), Assert.Single(entries.OfType<WxrCategory>()));
        Assert.Equal("kubrick", Assert.Single(entries.OfType<WxrTag>()).Slug);
        var post = Assert.Single(entries.OfType<WxrItem>());
        Assert.Equal((42L, "inside-the-overlook", "publish", "post", true), (post.PostId, post.PostName, post.Status, post.PostType, post.IsSticky));
        Assert.Equal(new DateTime(2024, 6, 5, 16, 4, 48, DateTimeKind.Utc), post.PublishedUtc);
        Assert.Equal("A short dek", post.Excerpt);
        Assert.Equal("Room 237, explained", post.Meta["_yoast_wpseo_metadesc"]);
        Assert.Equal(["category:horror", "post_tag:kubrick"], post.Terms.Select(t => $"{t.Domain}:{t.Slug}"));
        Assert.Equal(7, post.Comments[1].Parent);
        Assert.Equal("spam", post.Comments[1].Approved);
    }

    [Fact]
    public void A_never_published_date_is_read_as_no_date()
    {
        Assert.Null(WxrReader.WordPressDate("0000-00-00 00:00:00"));
    }

    [Fact]
    public void Wxr_1_0_namespaces_are_read_too()
    {
        var entries = Read(Header.Replace("export/1.2/", "export/1.0/", StringComparison.Ordinal).Replace("<wp:wxr_version>1.2</wp:wxr_version>", "", StringComparison.Ordinal)
            + "<item><title>Old</title><wp:post_id>3</wp:post_id><wp:post_type>post</wp:post_type></item></channel></rss>");

        var site = Assert.Single(entries.OfType<WxrSite>());
        Assert.Equal("1.0", site.Version);
        Assert.Null(site.DeclaredVersion); // the importer refuses this unless forced
        Assert.Equal("1.0", site.NamespaceVersion);
        Assert.Equal(3, Assert.Single(entries.OfType<WxrItem>()).PostId);
    }

    [Fact]
    public void Malformed_xml_is_reported_with_its_line_and_column()
    {
        var error = Assert.Throws<WxrFormatException>(() => Read(Header + "<item><title>Broken</item></channel></rss>"));

        Assert.Matches(@"test\.xml is not well-formed XML at line \d+, column \d+", error.Message);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_so_no_entity_is_ever_expanded()
    {
        const string xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&xxe;</title></channel></rss>
            """;

        var error = Assert.Throws<WxrFormatException>(() => Read(xxe));

        Assert.Contains("test.xml is not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_rss_feed_is_refused_as_not_a_wordpress_export()
    {
        var error = Assert.Throws<WxrFormatException>(() => Read("<rss version=\"2.0\"><channel><title>Feed</title></channel></rss>"));

        Assert.Equal("test.xml is not a WordPress export (WXR): it is RSS without the WordPress export namespace.", error.Message);
    }

    [Fact]
    public void A_field_longer_than_the_limit_is_refused()
    {
        var reader = new WxrReader("big.xml", maxFieldCharacters: 100);
        var xml = Header + $"<item><title>{new string('x', 500)}</title></item></channel></rss>";

        var error = Assert.Throws<WxrFormatException>(() => reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList());

        Assert.Contains("longer than 100 characters", error.Message, StringComparison.Ordinal);
    }
}
