using Backlot.Features.Articles;
using Microsoft.AspNetCore.Http;

namespace Backlot.Tests.Articles;

public sealed class WordPressIdRedirectTests
{
    private static string? PathFor(string path, string query, string method = "GET")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return RedirectMiddleware.WordPressIdPath(context.Request);
    }

    [Fact]
    public void Wordpress_post_and_page_ids_on_the_home_page_are_looked_up_with_their_query()
    {
        Assert.Equal("/?p=123", PathFor("/", "?p=123"));
        Assert.Equal("/?page_id=7", PathFor("/", "?page_id=7&preview=true"));
    }

    [Fact]
    public void Ids_in_the_folder_wordpress_was_installed_in_are_looked_up_in_that_folder()
    {
        Assert.Equal("/path/?p=10", PathFor("/path/", "?p=10"));
        Assert.Equal("/path/?p=10", PathFor("/Path", "?p=10"));
        Assert.Equal("/blog/news/?page_id=3", PathFor("/blog/news/", "?page_id=3"));
    }

    [Fact]
    public void Anything_else_is_left_to_the_site()
    {
        Assert.Null(PathFor("/", "?p=abc"));
        Assert.Null(PathFor("/", "?page=2"));
        Assert.Null(PathFor("/", "?p=1", "POST"));
        Assert.Null(PathFor("/", ""));
    }
}
