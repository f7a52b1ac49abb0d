using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backlot.Bench;

/// <summary>src/Backlot's Release build, built first when it is missing.</summary>
internal static class SiteBuild
{
    public static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Backlot");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "backlot.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine("  building src/Backlot in Release …");
            using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", project, "--nologo", "-v", "q"]))
                ?? throw new InvalidOperationException("dotnet build did not start.");
            await build.WaitForExitAsync(cancellationToken);
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                throw new InvalidOperationException($"Release build of {project} failed.");
            }
        }

        return dll;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Backlot.slnx was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>`dotnet backlot.dll --data … --urls …` in its project folder (content root for wwwroot), Production, demo content on.</summary>
internal sealed class SiteProcess(Process process, string origin) : IAsyncDisposable
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromSeconds(30) };

    public string Origin { get; } = origin;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<SiteProcess> StartAsync(string dll, string dataFolder, bool outputCache, CancellationToken cancellationToken, params IReadOnlyList<string> settings)
    {
        Directory.CreateDirectory(dataFolder);
        var origin = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--data", dataFolder, "--urls", origin })
        {
            start.ArgumentList.Add(argument);
        }

        if (!outputCache)
        {
            start.ArgumentList.Add("--no-cache");
        }

        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The site did not start.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var site = new SiteProcess(process, origin);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with {process.ExitCode}:\n{log}");
            }

            try
            {
                using var response = await Http.GetAsync(origin + "/healthz", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  site ({(outputCache ? "output cache on" : "output cache off")}) pid {process.Id} ready at {origin} in {watch.Elapsed.TotalSeconds:F1} s");
                    return site;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, cancellationToken);
        }

        await site.DisposeAsync();
        throw new TimeoutException($"The site did not answer /healthz within 3 minutes:\n{log}");
    }

    public async Task<byte[]> FetchAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(Origin + path, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>A measurement of an error page would flatter the site: say so in the report.</summary>
    public async Task CheckAsync(string path, SuiteReport report, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(Origin + path, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            report.Notes.Add($"{path} answered {(int)response.StatusCode}, not 200: its figures measure that response.");
        }
    }

    /// <summary>VmRSS from /proc/&lt;pid&gt;/status.</summary>
    /// <summary>CPU time the site has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
