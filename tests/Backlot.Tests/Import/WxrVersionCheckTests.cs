using Backlot.Features.Import;

namespace Backlot.Tests.Import;

public sealed class WxrVersionCheckTests
{
    [Fact]
    public void A_missing_version_is_a_problem_and_the_namespace_says_what_to_assume()
    {
        var verdict = WxrVersionCheck.Check(null, "1.1");

        Assert.Equal("<wp:wxr_version> is missing", verdict.Problem);
        Assert.Equal("1.1", verdict.ReadAs);
    }

    [Fact]
    public void A_version_that_is_not_a_number_is_a_problem_read_as_the_newest_when_the_namespace_is_unknown()
    {
        var verdict = WxrVersionCheck.Check("one point two", "export");

        Assert.Equal("<wp:wxr_version> \"one point two\" is not a version number like 1.2", verdict.Problem);
        Assert.Equal("1.2", verdict.ReadAs);
        Assert.NotNull(WxrVersionCheck.Check("", "1.2").Problem);
        Assert.NotNull(WxrVersionCheck.Check("1.2.3", "1.2").Problem);
    }

    [Fact]
    public void Known_versions_pass_and_a_newer_one_is_read_with_a_warning()
    {
        Assert.Equal(new WxrVersionVerdict(null, "1.0", null), WxrVersionCheck.Check("1.0", "1.0"));
        Assert.Equal(new WxrVersionVerdict(null, "1.2", null), WxrVersionCheck.Check(" 1.2 ", "1.2"));

        var newer = WxrVersionCheck.Check("1.10", "1.2");
        Assert.Null(newer.Problem);
        Assert.Equal("1.2", newer.ReadAs);
        Assert.Contains("newer than 1.2", newer.Warning, StringComparison.Ordinal);
    }
}
