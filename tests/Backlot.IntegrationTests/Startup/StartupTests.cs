using System.Diagnostics;
using Backlot.Features.Demo;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task A_second_start_on_the_same_data_does_not_duplicate_the_demo_content()
    {
        await using var first = new BacklotFactory();
        await first.InitializeAsync();
        var count = 0;
        await first.WithDbAsync(async db => count = await db.Articles.CountAsync());
        Assert.True(count >= 10);

        await using var scope = first.Scope();
        var seeder = (DemoSeeder)scope.ServiceProvider.GetService(typeof(DemoSeeder))!;
        Assert.False(await seeder.SeedIfNewAsync(TestContext.Current.CancellationToken));
        await first.WithDbAsync(async db => Assert.Equal(count, await db.Articles.CountAsync()));
    }

    [Fact]
    public async Task Without_demo_content_the_site_starts_empty_and_says_so()
    {
        await using var empty = new EmptySiteFactory();
        await empty.InitializeAsync();

        var home = await empty.CreateClient().GetDocumentAsync("/");
        await empty.WithDbAsync(async db => Assert.Equal(0, await db.Articles.CountAsync()));
        Assert.Equal("Nothing published here yet.", home.QuerySelector("main .empty")!.Text());
    }

    [Fact]
    public async Task A_corrupt_database_stops_start_up_with_one_line_naming_the_file()
    {
        var data = Directory.CreateTempSubdirectory("backlot-corrupt-").FullName;
        var file = Path.Combine(data, "backlot.db");
        await File.WriteAllTextAsync(file, new string('x', 8192), TestContext.Current.CancellationToken);

        var (exitCode, stderr) = await RunBacklotAsync("--data", data, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(file, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_that_cannot_be_created_stops_start_up_with_one_line_naming_the_path()
    {
        var blocker = Path.GetTempFileName(); // a file where a folder should be: fails even for root
        var data = Path.Combine(blocker, "data");

        var (exitCode, stderr) = await RunBacklotAsync("--data", data, "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(data, line, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string StandardError)> RunBacklotAsync(params string[] args)
    {
        var app = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(app);
        foreach (var arg in args)
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
            Assert.Fail("Backlot kept running on a database it could not open.");
        }

        return (process.ExitCode, await stderr);
    }
}
