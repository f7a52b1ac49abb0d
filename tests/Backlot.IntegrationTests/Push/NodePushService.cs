using System.Diagnostics;
using System.Text.Json;
using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Push;

/// <summary>What <c>bench/push-service.mjs</c> counted: deliveries per path and what happened at the HTTP/2 level.</summary>
public sealed record NodePushStats(
    int Sessions, int Streams, int Resets, int Aborted, int GoawaysReceived, int SessionErrors,
    int Requests, int Accepted, int Refused, int Delivered, int Duplicates, Dictionary<string, int>? Paths);

/// <summary>
/// The push receiver on Node's own HTTP/2 stack (<c>bench/push-service.mjs</c>, nghttp2), run
/// as a child process: an HTTP/2 server that is not .NET's, counting resets, GOAWAYs and
/// deliveries per endpoint. Skips the test when node is missing (fails it when CI=true).
/// </summary>
public sealed class NodePushService : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process process;

    private NodePushService(Process process, int port)
    {
        this.process = process;
        Origin = $"http://127.0.0.1:{port}";
    }

    public string Origin { get; }

    public static async Task<NodePushService> StartAsync()
    {
        var script = Script();
        Process? process = null;
        try
        {
            process = Process.Start(new ProcessStartInfo("node", [script])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Missing("node is not installed (apt-get install nodejs): the check against a non-.NET HTTP/2 server needs it");
        }

        ArgumentNullException.ThrowIfNull(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var first = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"{script} ended before it listened");
        using var port = JsonDocument.Parse(first);
        return new NodePushService(process, port.RootElement.GetProperty("port").GetInt32());
    }

    /// <summary>The counts so far, with the per-path counts.</summary>
    public async Task<NodePushStats> StatsAsync()
    {
        await process.StandardInput.WriteLineAsync("paths");
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the push service ended");
        return JsonSerializer.Deserialize<NodePushStats>(line, Json)!;
    }

    private static string Script()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
        {
            dir = dir.Parent;
        }

        var script = dir is null ? null : Path.Combine(dir.FullName, "bench", "push-service.mjs");
        return script is not null && File.Exists(script) ? script : throw new FileNotFoundException("bench/push-service.mjs is not in the repository");
    }

    private static void Missing(string what)
    {
        if (TestEnvironment.IsCI)
        {
            Assert.Fail($"{what}. CI=true, so this is a failure, not a skip.");
        }

        Assert.Skip(what);
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
