using Backlot.Features.Discovery;

namespace Backlot.Tests.Discovery;

public sealed class CheckAlsoPlacementTests
{
    [Fact]
    public void A_story_splits_after_its_third_top_level_paragraph()
    {
        const string html = "<p>1</p>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>2</p>\n<ul><li><p>in list</p></li></ul><p>3</p>\n<p>4</p>";

        var (before, after) = CheckAlsoPlacement.SplitAfterParagraph(html);

        Assert.EndsWith("<p>3</p>", before, StringComparison.Ordinal);
        Assert.Equal("\n<p>4</p>", after);
    }

    [Fact]
    public void A_short_story_keeps_its_body_whole()
    {
        Assert.Equal(("<p>1</p><p>2</p>", ""), CheckAlsoPlacement.SplitAfterParagraph("<p>1</p><p>2</p>"));
    }

    [Theory]
    [InlineData(10, 5)]
    [InlineData(5, 3)]
    [InlineData(1, 1)]
    public void A_listicle_places_it_after_the_middle_item(int items, int after) =>
        Assert.Equal(after, CheckAlsoPlacement.AfterItem(items));
}
