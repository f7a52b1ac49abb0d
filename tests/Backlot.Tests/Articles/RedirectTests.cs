using Backlot.Features.Articles;

namespace Backlot.Tests.Articles;

public sealed class RedirectTests
{
    [Theory]
    [InlineData("/2019/03/Old-Post/", "/2019/03/old-post")]
    [InlineData("/", "/")]
    [InlineData("/a", "/a")]
    [InlineData("///", "/")]
    public void Paths_are_compared_lowercase_without_trailing_slash(string path, string normalized) =>
        Assert.Equal(normalized, Redirect.NormalizePath(path));
}
