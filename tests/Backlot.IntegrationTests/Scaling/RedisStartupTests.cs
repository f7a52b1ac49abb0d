using System.Diagnostics;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Scaling;

/// <summary>Start-up with Redis settings that cannot work stops with one line that says which setting.</summary>
public sealed class RedisStartupTests
{
    [Fact]
    public async Task A_Redis_configuration_that_does_not_parse_stops_start_up_with_one_line_naming_the_setting()
    {
        var (exitCode, stderr) = await RunBacklotAsync("--Redis:Configuration=127.0.0.1:6379,nosuchoption=1");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("Redis:Configuration", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Required_Redis_that_cannot_be_reached_stops_start_up_with_one_line()
    {
        var (exitCode, stderr) = await RunBacklotAsync("--Redis:Configuration=127.0.0.1:1", "--Redis:Required=true");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
        Assert.Contains("Redis:Required", line, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int ExitCode, string StandardError)> RunBacklotAsync(params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("backlot-redis-start-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args.Concat(["--data", data, "--urls", "http://127.0.0.1:0"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "None";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Backlot kept running with Redis settings that cannot work.");
        }

        Directory.Delete(data, recursive: true);
        return (process.ExitCode, await stderr);
    }
}
