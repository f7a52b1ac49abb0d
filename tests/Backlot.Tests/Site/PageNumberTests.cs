using Backlot.Features.Site;

namespace Backlot.Tests.Site;

public sealed class PageNumberTests
{
    [Theory]
    [InlineData(null, true, 1)]
    [InlineData("", true, 1)]
    [InlineData("1", true, 1)]
    [InlineData("27", true, 27)]
    [InlineData("0", false, 0)]
    [InlineData("-1", false, 0)]
    [InlineData("+2", false, 0)]
    [InlineData("2.0", false, 0)]
    [InlineData(" 2", false, 0)]
    [InlineData("abc", false, 0)]
    [InlineData("99999999999", false, 0)]
    public void Only_positive_whole_numbers_are_page_numbers(string? raw, bool valid, int page)
    {
        Assert.Equal(valid, ArchivePageModel.TryReadPageNumber(raw, out var parsed));
        if (valid)
        {
            Assert.Equal(page, parsed);
        }
    }
}
