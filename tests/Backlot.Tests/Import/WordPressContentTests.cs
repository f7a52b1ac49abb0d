using AngleSharp.Html.Parser;
using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class WordPressContentTests
{
    private readonly WordPressContent content = new();
    private readonly SortedSet<string> shortcodes = new(StringComparer.Ordinal);

    [Fact]
    public void Block_editor_comments_are_removed()
    {
        var html = content.ToSafeHtml("<!-- wp:paragraph -->\n<p>Two roads</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:image {\"id\":5} /-->", shortcodes);

        Assert.Equal("<p>Two roads</p>", html);
    }

    [Fact]
    public void Classic_editor_text_gets_its_paragraphs_and_line_breaks_back()
    {
        var html = content.ToSafeHtml("First paragraph\nsame paragraph.\n\nSecond paragraph.", shortcodes);

        Assert.Equal("<p>First paragraph<br>\nsame paragraph.</p>\n<p>Second paragraph.</p>", html);
    }

    [Fact]
    public void A_caption_shortcode_becomes_a_figure_with_a_figcaption()
    {
        var html = content.ToSafeHtml("[caption id=\"attachment_9\" align=\"alignnone\" width=\"300\"]<img src=\"https://example.com/a.jpg\" alt=\"Jack\"> Jack at the door[/caption]", shortcodes);

        var figure = new HtmlParser().ParseDocument(html).QuerySelector("figure")!;
        Assert.Equal("https://example.com/a.jpg", figure.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("Jack at the door", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Empty(shortcodes);
    }

    [Fact]
    public void Unknown_shortcodes_are_kept_as_text_and_reported()
    {
        var html = content.ToSafeHtml("Before [gallery ids=\"1,2\"] after", shortcodes);

        Assert.Contains("[gallery ids=\"1,2\"]", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(["gallery"], shortcodes);
    }

    [Fact]
    public void Scripts_handlers_and_styles_are_sanitized_away()
    {
        var html = content.ToSafeHtml("<p style=\"color:red\" onclick=\"x()\">Hi<script>alert(1)</script></p><a href=\"javascript:alert(1)\">x</a>", shortcodes);

        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comment_html_becomes_plain_text_with_paragraphs()
    {
        Assert.Equal("Great piece.\n\nLoved it & more", content.ToPlainText("<p>Great <b>piece</b>.</p><p>Loved it &amp; more</p>"));
    }
}
