using Backlot.Features.Comments;

namespace Backlot.Tests.Comments;

public sealed class CommentTextTests
{
    [Fact]
    public void Blank_lines_make_paragraphs_and_single_breaks_stay()
    {
        Assert.Equal("<p>One<br>two</p><p>Three</p>", CommentText.ToHtml("One\ntwo\n\n\nThree"));
    }

    [Fact]
    public void Markup_is_escaped_not_interpreted()
    {
        Assert.Equal("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;</p>", CommentText.ToHtml("<script>alert(\"x\")</script> & <b>"));
    }

    [Fact]
    public void Web_addresses_become_nofollow_ugc_links_without_the_sentences_punctuation()
    {
        var html = CommentText.ToHtml("See https://example.com/a?b=1&c=2. And (http://example.org/x_(y)).");

        Assert.Contains("<a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">https://example.com/a?b=1&amp;c=2</a>.", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://example.org/x_(y)\" rel=\"nofollow ugc noopener\">http://example.org/x_(y)</a>).", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("https://example.com/\"onmouseover=\"alert(1)")]
    public void Only_http_addresses_are_linked_and_a_quote_ends_one(string text)
    {
        var html = CommentText.ToHtml(text);

        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no links here", 0)]
    [InlineData("https://a.example and http://b.example", 2)]
    [InlineData("visit www.spam.example or https://x.example or HTTP://Y.EXAMPLE", 3)]
    public void Links_are_counted_as_a_spammer_writes_them(string text, int links)
    {
        Assert.Equal(links, CommentText.CountLinks(text));
    }

    [Theory]
    [InlineData("Ada Lovelace", "AL")]
    [InlineData("  prince  ", "P")]
    [InlineData("Jean-Luc von Picard", "JV")]
    [InlineData("Ängel Ömer", "ÄÖ")]
    [InlineData("<>!!", "?")]
    public void Avatars_show_up_to_two_initials(string name, string initials)
    {
        Assert.Equal(initials, CommentMarkup.Initials(name));
    }

    [Fact]
    public void An_avatar_colour_is_the_same_for_a_name_every_time()
    {
        Assert.Equal(CommentMarkup.ColourOf("Ada Lovelace"), CommentMarkup.ColourOf("Ada Lovelace"));
        Assert.InRange(CommentMarkup.ColourOf("Ada Lovelace"), 0, 7);
    }
}
