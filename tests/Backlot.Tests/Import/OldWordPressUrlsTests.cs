using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class OldWordPressUrlsTests
{
    private static readonly WxrSite InFolder = new("Studio", "https://studio.example/path", "https://studio.example/path", "https://studio.example/path/", "1.2");

    [Fact]
    public void A_site_in_a_subfolder_has_that_folder_besides_the_root()
    {
        Assert.Equal(["/", "/path"], OldWordPressUrls.FoldersOf(InFolder));
        Assert.Equal(["/"], OldWordPressUrls.FoldersOf(new WxrSite("Root", "https://root.example", "https://root.example/", "", "1.2")));
    }

    [Fact]
    public void A_post_in_a_subfolder_answers_its_id_there_and_at_the_root()
    {
        var post = new WxrItem { PostId = 10, PostName = "hello-world", Link = "https://studio.example/path/?p=1", PostDateGmt = new DateTime(2024, 6, 5, 16, 4, 48, DateTimeKind.Utc) };

        var paths = OldWordPressUrls.Of(post, isPage: false, OldWordPressUrls.FoldersOf(InFolder));

        Assert.Contains("/?p=10", paths);
        Assert.Contains("/path/?p=10", paths);
        Assert.Contains("/path/2024/06/05/hello-world", paths);
        Assert.Contains("/2024/06/05/hello-world", paths);
        Assert.Contains("/path/hello-world", paths);
        Assert.DoesNotContain("/path/?p=1", paths); // the link's own id is stale: WordPress answers ?p= with the post id
        Assert.Equal(paths.Count, paths.Distinct().Count());
    }

    [Fact]
    public void A_page_answers_page_id_and_p_and_its_own_permalink()
    {
        var page = new WxrItem { PostId = 2, PostName = "about", Link = "https://root.example/about/" };

        var paths = OldWordPressUrls.Of(page, isPage: true, ["/"]);

        Assert.Equal(["/?page_id=2", "/?p=2", "/about"], paths);
    }

    [Fact]
    public void A_query_permalink_names_the_folder_even_when_the_base_urls_do_not()
    {
        var post = new WxrItem { PostId = 5, Link = "https://old.example/news/?p=5" };

        Assert.Contains("/news/?p=5", OldWordPressUrls.Of(post, isPage: false, ["/"]));
    }
}
