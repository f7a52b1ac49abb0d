using Backlot.Features.Listicles;

namespace Backlot.Tests.Listicles;

public sealed class ListicleChecksTests
{
    private static ListicleItemFacts Item(string heading, bool image = true, string? alt = "alt", string caption = "A caption", string? work = null, string[]? alternates = null) =>
        new(heading, "Some text.", image, alt, caption, work, alternates);

    private static List<ListicleItemFacts> Items(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Item($"Entry {i}"))];

    [Fact]
    public void A_title_that_promises_more_items_than_the_list_has_is_flagged()
    {
        var warnings = ListicleChecks.Check("10 behind-the-scenes details", "", Items(9));

        var warning = Assert.Single(warnings);
        Assert.Equal("Title says 10, the list has 9 items.", warning.Message);
    }

    [Fact]
    public void The_seed_pages_intro_promising_15_details_for_10_items_is_flagged()
    {
        var warnings = ListicleChecks.Check(
            "10 behind-the-scenes details that made some scenes memorable",
            "In our favourite series there are moments that stay with us.\n\nHere are 15 details and secrets that occurred behind the scenes.",
            Items(10));

        var warning = Assert.Single(warnings);
        Assert.Equal("intro-count", warning.Code);
        Assert.Equal("Intro says 15 details, the list has 10.", warning.Message);
    }

    [Theory]
    [InlineData("Top 5 horror films", 5)]
    [InlineData("Ten things we learned", 10)]
    [InlineData("“7 moments” that changed TV", 7)]
    [InlineData("The 1980 adaptation, explained", null)]
    [InlineData("Why The Shining still scares", null)]
    public void The_count_is_read_from_the_start_of_the_title(string title, int? expected) =>
        Assert.Equal(expected, ListicleChecks.TitleCount(title));

    [Fact]
    public void A_year_in_the_intro_is_not_taken_for_a_count()
    {
        Assert.Empty(ListicleChecks.Check("3 films", "Released in 1999, these films still hold up.", Items(3)));
    }

    [Fact]
    public void Matching_counts_and_complete_items_give_no_warning()
    {
        Assert.Empty(ListicleChecks.Check("Five reasons to rewatch", "Here are five reasons to start again.", Items(5)));
    }

    [Fact]
    public void Items_without_images_or_alt_text_are_named_by_position()
    {
        List<ListicleItemFacts> items = [Item("Interstellar", image: false), Item("Glee", alt: " "), Item("Fargo")];

        var warnings = ListicleChecks.Check("3 shows", "", items);

        Assert.Contains(warnings, w => w is { Code: "no-image", ItemPosition: 1 } && w.Message.Contains("Interstellar", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w is { Code: "no-alt", ItemPosition: 2 });
        Assert.Equal(2, warnings.Count);
    }

    [Fact]
    public void A_caption_that_only_repeats_the_heading_is_flagged()
    {
        var warnings = ListicleChecks.Check("1 film", "", [Item("The fight Club", caption: "The Fight Club")]);

        Assert.Equal("caption-repeats-heading", Assert.Single(warnings).Code);
    }

    [Fact]
    public void Duplicate_headings_and_empty_items_are_flagged()
    {
        List<ListicleItemFacts> items = [Item("Glee"), Item("glee!"), new("", "", false, null, "")];

        var warnings = ListicleChecks.Check("", "", items);

        Assert.Contains(warnings, w => w is { Code: "duplicate-heading", ItemPosition: 2 });
        Assert.Contains(warnings, w => w is { Code: "empty-item", ItemPosition: 3 });
    }

    [Theory]
    [InlineData("The glow", "The Shining", new string[] { "Shining" }, true)]
    [InlineData("Good boys", "Goodfellas", new string[] { "GoodFellas" }, true)]
    [InlineData("Batman: The Dark Knight", "The Dark Knight", new string[] { }, false)]
    [InlineData("Parks & Recreation", "Parks and Recreation", new string[] { }, false)]
    [InlineData("HIMYM", "How I Met Your Mother", new string[] { "HIMYM" }, false)]
    public void A_heading_must_name_its_linked_work_or_one_of_its_alternate_titles(string heading, string work, string[] alternates, bool flagged)
    {
        var warnings = ListicleChecks.Check("", "", [Item(heading, work: work, alternates: alternates)]);

        Assert.Equal(flagged, warnings.Any(w => w.Code == "heading-work-mismatch"));
    }
}
