using Backlot.Features.Articles;

namespace Backlot.Tests.Articles;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer renderer = new();

    [Fact]
    public void Markdown_becomes_paragraphs_headings_and_emphasis()
    {
        var html = renderer.ToHtml("## Cast\n\nA *quiet* scene.\n\n- one\n- two");

        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<em>quiet</em>", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<p style=\"background:url(javascript:alert(1))\">x</p>")]
    public void Script_and_its_disguises_are_removed(string markdown)
    {
        var html = renderer.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void External_links_do_not_hand_the_page_to_the_target()
    {
        var html = renderer.ToHtml("[Kip Thorne](https://example.org/thorne)");

        Assert.Contains("href=\"https://example.org/thorne\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_markdown_renders_nothing() => Assert.Equal("", renderer.ToHtml("  \n "));
}
