using Backlot.Infrastructure;

namespace Backlot.Tests.Cli;

public sealed class CommandLineArgumentsTests
{
    private static readonly string[] Commands = ["serve", "migrate", "import", "user", "push"];

    [Fact]
    public void Settings_alone_serve_the_site_with_them()
    {
        var split = CommandLineArguments.Split(["--urls", "http://127.0.0.1:5100", "--no-demo", "--Database:Provider=Postgres", "--data", "/srv/data"], Commands);

        Assert.True(split.Serves);
        Assert.Equal(["--urls", "http://127.0.0.1:5100", "--no-demo", "--Database:Provider=Postgres", "--data", "/srv/data"], split.Settings);
    }

    [Fact]
    public void The_command_is_found_after_settings_that_take_a_value()
    {
        var split = CommandLineArguments.Split(["--data", "/srv/data", "--Database:Provider", "Postgres", "user", "add", "--email", "a@b.test"], Commands);

        Assert.Null(split.Error);
        Assert.False(split.Serves);
        Assert.Equal(["--Database:Provider", "Postgres"], split.Settings);
        Assert.Equal(["user", "add", "--email", "a@b.test", "--data", "/srv/data"], split.Command);
    }

    [Fact]
    public void Configuration_settings_after_the_command_are_taken_out_of_it()
    {
        var split = CommandLineArguments.Split(["migrate", "--Database:ConnectionString=Host=db", "--Redis:Configuration", "redis:6379", "--data", "x"], Commands);

        Assert.Equal(["--Database:ConnectionString=Host=db", "--Redis:Configuration", "redis:6379"], split.Settings);
        Assert.Equal(["migrate", "--data", "x"], split.Command);
    }

    [Fact]
    public void A_flag_without_a_value_does_not_swallow_the_command()
    {
        var split = CommandLineArguments.Split(["--no-demo", "migrate"], Commands);

        Assert.Equal(["--no-demo"], split.Settings);
        Assert.Equal(["migrate"], split.Command);
    }

    [Fact]
    public void A_word_that_is_no_command_is_an_error_not_a_serve()
    {
        var split = CommandLineArguments.Split(["--data", "x", "usr", "add"], Commands);

        Assert.False(split.Serves);
        Assert.Contains("'usr' is not a command", split.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_before_a_command_asks_for_that_commands_help()
    {
        Assert.Equal(["user", "add", "--help"], CommandLineArguments.Split(["--help", "user", "add"], Commands).Command);
        Assert.Equal(["--help"], CommandLineArguments.Split(["--help"], Commands).Command);
    }
}
