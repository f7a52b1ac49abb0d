using System.Diagnostics;
using System.Text;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// The real `backlot` program (Backlot.dll from the build output) in its own process, so a test can
/// SIGKILL it mid-work and start it again on the same data: its data folder, and a PostgreSQL
/// database of its own when the run is on PostgreSQL (passed as --Database:… settings, as an operator would).
/// </summary>
internal sealed class BacklotProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<string> url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BacklotProcess(Process process)
    {
        this.process = process;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts `dotnet Backlot.dll` with <paramref name="args"/> and the data's settings.</summary>
    public static BacklotProcess Start(ProcessData data, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(data);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args.Concat(data.Settings))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var running = new BacklotProcess(Process.Start(start)!);
        running.process.OutputDataReceived += (_, line) => running.Record(line.Data);
        running.process.ErrorDataReceived += (_, line) => running.Record(line.Data);
        running.process.BeginOutputReadLine();
        running.process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits for the server's "Backlot is running at …" line; its address.</summary>
    public async Task<Uri> ServingAsync()
    {
        var finished = await Task.WhenAny(url.Task, process.WaitForExitAsync(TestContext.Current.CancellationToken), Task.Delay(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        Assert.True(finished == url.Task, $"Backlot did not start serving:\n{Output}");
        return new Uri(await url.Task);
    }

    /// <summary>Waits for a command to finish; its exit code.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no finally blocks, no flush.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        const string Running = "Backlot is running at ";
        var at = line.IndexOf(Running, StringComparison.Ordinal);
        if (at >= 0)
        {
            url.TrySetResult(line[(at + Running.Length)..].Split(' ')[0]);
        }
    }
}
