using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class AuthorAttributionTests
{
    [Fact]
    public void A_stray_character_around_a_creator_is_not_part_of_the_login()
    {
        Assert.Equal("themereviewteam", AuthorAttribution.LoginOf(">themereviewteam"));
        Assert.Equal("admin", AuthorAttribution.LoginOf("&gt;admin"));
        Assert.Equal("jane.doe@example.com", AuthorAttribution.LoginOf(" jane.doe@example.com "));
        Assert.Equal("mary_ann", AuthorAttribution.LoginOf("mary_ann"));
    }

    [Fact]
    public void An_empty_creator_names_no_one()
    {
        Assert.Equal("", AuthorAttribution.LoginOf(""));
        Assert.Equal("", AuthorAttribution.LoginOf("  >  "));
    }

    [Fact]
    public void The_fallback_author_is_named_after_the_site()
    {
        Assert.Equal("Night Shift Reviews", AuthorAttribution.FallbackName("Night Shift <em>Reviews</em>"));
        Assert.Equal("night-shift-reviews", AuthorAttribution.FallbackSlug("Night Shift Reviews"));
        Assert.Equal("WordPress", AuthorAttribution.FallbackName(""));
        Assert.Equal("wordpress", AuthorAttribution.FallbackSlug("  "));
    }
}
