using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class InlineMarkupTests
{
    [Fact]
    public void Inline_markup_in_a_title_adds_no_spaces_that_were_not_there()
    {
        Assert.Equal("Title With Markup", InlineMarkup.ToText("Title <em>With</em> <b>Mark<sup>up</sup></b>"));
        Assert.Equal("H2O and E=mc2", InlineMarkup.ToText("H<sub>2</sub>O and E=mc<SUP class=\"x\">2</SUP>"));
        Assert.Equal("A linked word", InlineMarkup.ToText("A <a href=\"/x\">link</a>ed word"));
    }

    [Fact]
    public void Line_breaks_and_blocks_separate_words()
    {
        Assert.Equal("Two lines", InlineMarkup.ToText("Two<br/>lines"));
        Assert.Equal("First Second", InlineMarkup.ToText("<p>First</p><p>Second</p>"));
    }

    [Fact]
    public void Entities_are_decoded_and_whitespace_collapsed()
    {
        Assert.Equal("Tom & Jerry: one word", InlineMarkup.ToText("  Tom &amp; Jerry:\n one&nbsp;word "));
        Assert.Equal("", InlineMarkup.ToText(""));
    }
}
