using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class ListicleRecognizerTests
{
    private readonly WordPressContent content = new();

    private RecognizedListicle? Recognize(string html)
    {
        content.Parse(content.ToSafeHtml(html, new SortedSet<string>(StringComparer.Ordinal)), out var body);
        return ListicleRecognizer.Recognize(body);
    }

    [Fact]
    public void Numbered_headings_each_with_an_image_and_text_become_items()
    {
        var listicle = Recognize("""
            <p>Intro with 3 things.</p>
            <h2>1. The glow</h2><figure><img src="https://example.com/1.jpg" alt="Glow"><figcaption>The glow</figcaption></figure><p>Danny had no idea.</p>
            <h2>2) The fight club</h2><p>Shot in order.</p>
            <h3>#3 The Dark Knight</h3><p><img src="https://example.com/3.jpg" alt="Joker"></p><p>The detonator.</p>
            """);

        Assert.NotNull(listicle);
        Assert.Equal("<p>Intro with 3 things.</p>", listicle.IntroHtml);
        Assert.Equal(["The glow", "The fight club", "The Dark Knight"], listicle.Items.Select(i => i.Heading));
        Assert.Equal("https://example.com/1.jpg", listicle.Items[0].Image!.GetAttribute("src"));
        Assert.Equal("The glow", listicle.Items[0].Caption);
        Assert.Null(listicle.Items[1].Image);
        Assert.Equal("<p>The detonator.</p>", listicle.Items[2].BodyHtml);
    }

    [Fact]
    public void Bold_numbered_paragraphs_count_as_headings_and_a_countdown_is_kept_in_reading_order()
    {
        var listicle = Recognize("<p><strong>3. Third</strong></p><p>c</p><p><strong>2. Second</strong></p><p>b</p><p><b>1. First</b></p><p>a</p>");

        Assert.NotNull(listicle);
        Assert.Equal(["First", "Second", "Third"], listicle.Items.Select(i => i.Heading));
    }

    [Fact]
    public void Headings_that_do_not_count_in_a_run_are_not_a_listicle()
    {
        Assert.Null(Recognize("<h2>1. One</h2><p>a</p><h2>3. Three</h2><p>b</p><h2>4. Four</h2>"));
        Assert.Null(Recognize("<h2>1. One</h2><p>a</p><h2>2. Two</h2><p>b</p>"));
        Assert.Null(Recognize("<h2>2024 in review</h2><h2>10 things</h2><h2>Top 5</h2>"));
    }

    [Fact]
    public void The_count_check_flags_an_intro_promising_more_items_than_the_list_has()
    {
        var warnings = ListicleCountCheck.Warnings(
            "10 behind-the-scenes details that made some scenes memorable",
            "Here are 15 details and secrets that occurred behind the scenes.",
            10).ToList();

        Assert.Equal(["the intro says 15, the list has 10"], warnings);
    }

    [Fact]
    public void The_count_check_flags_a_title_that_does_not_match()
    {
        Assert.Equal(["the title says 12, the list has 10"], ListicleCountCheck.Warnings("12 scenes that were improvised", "", 10));
    }
}
