using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class PostMatcherTests
{
    [Fact]
    public void The_same_guid_is_the_same_post_whatever_the_id()
    {
        var matcher = new PostMatcher();
        matcher.Add(new ImportedPost("a.example", "2", "https://a.example/?page_id=2", 41));

        Assert.Equal(41, matcher.Find("a.example", "9", "https://a.example/?page_id=2"));
    }

    [Fact]
    public void The_same_post_id_from_another_site_is_a_new_post()
    {
        var matcher = new PostMatcher();
        matcher.Add(new ImportedPost("a.example", "2", "https://a.example/?page_id=2", 41));

        Assert.Null(matcher.Find("b.example", "2", "https://b.example/?page_id=2"));
        Assert.Null(matcher.Find("b.example", "2", ""));
    }

    [Fact]
    public void Without_a_guid_the_site_and_post_id_find_the_post()
    {
        var matcher = new PostMatcher();
        matcher.Add(new ImportedPost("a.example", "2", null, 41));

        Assert.Equal(41, matcher.Find("a.example", "2", ""));
    }

    [Fact]
    public void A_record_from_before_sites_were_recorded_matches_by_id_only_when_guids_cannot_tell_them_apart()
    {
        var matcher = new PostMatcher();
        matcher.Add(new ImportedPost("", "2", "https://a.example/?page_id=2", 41));
        matcher.Add(new ImportedPost("", "3", null, 42));

        Assert.Null(matcher.Find("b.example", "2", "https://b.example/?page_id=2"));
        Assert.Equal(41, matcher.Find("a.example", "2", ""));
        Assert.Equal(42, matcher.Find("a.example", "3", "https://a.example/?p=3"));
    }

    [Fact]
    public void A_site_is_keyed_by_its_blog_address_without_scheme_or_trailing_slash()
    {
        Assert.Equal("studio.example/blog", PostMatcher.SiteKeyOf(new WxrSite("S", "https://x.example", "https://studio.example/", "HTTPS://Studio.example/blog/", "1.2")));
        Assert.Equal("studio.example", PostMatcher.SiteKeyOf(new WxrSite("S", "http://studio.example/", "", "", "1.2")));
        Assert.Equal("", PostMatcher.SiteKeyOf(new WxrSite("S", "", "", "", "1.2")));
    }
}
