using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Backlot.Bench;

/// <summary>
/// HTTP throughput as ratios within one run: wrk against (a) a minimal Kestrel endpoint that writes
/// the demo article's exact bytes from memory, (b) the real site, built in Release and run as a
/// child process on a fresh data folder (seeded by a first start, then restarted), with output caching, and (c) the same with caching off.
/// The baseline is measured before and after the site so that load from other work on the machine
/// weighs on both; ratios use the mean of the two.
/// Settings: --duration S (10), --set warmup=5 (seconds of load on each page of a site before any is measured), --set connections=32,128, --set threads=2,
/// --set encoding=br (adds Accept-Encoding to every request; none by default, as wrk sends).
/// </summary>
public sealed partial class HttpSuite : ISuite
{
    private const string ArticlePath = "/movies/behind-the-scenes-details-that-made-scenes-memorable";

    private static readonly (string Name, string Path)[] Pages =
    [
        ("article", ArticlePath),
        ("home", "/"),
        ("category", "/movies"),
        ("search", "/search?q=shining"),
    ];

    public string Name => "http";
    public string Description => "wrk against a from-memory baseline, the site with output caching, and without";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new SuiteReport { Suite = Name };
        var wrk = Wrk.Find();
        var settings = new WrkSettings(
            Threads: int.Parse(options.Setting("threads", "2"), CultureInfo.InvariantCulture),
            Connections: [.. options.Setting("connections", "32,128").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))],
            Seconds: options.DurationSeconds,
            WarmUpSeconds: int.Parse(options.Setting("warmup", "5"), CultureInfo.InvariantCulture),
            Encoding: options.Setting("encoding", ""));
        report.Notes.Add($"Load before the run: {LoadAverage()}");
        report.Notes.Add($"wrk -t{settings.Threads} -c{{{string.Join(',', settings.Connections)}}} -d{settings.Seconds}s --latency, after {settings.WarmUpSeconds} s of load on every page of each site (and on the baseline) before measuring"
            + (settings.Encoding.Length > 0 ? $", Accept-Encoding: {settings.Encoding}" : ", no Accept-Encoding (uncompressed)"));
        if (wrk is null)
        {
            Console.WriteLine("  wrk was not found on PATH (Debian: apt-get install wrk): skipping every measurement.");
            report.Notes.Add("wrk was not found on PATH: nothing was measured. Install it with `apt-get install wrk`.");
            return report;
        }

        var site = await SiteBuild.LocateAsync(cancellationToken);
        var results = new List<(string Case, int Connections, WrkResult Result)>();
        // The first start makes the demo content (its images decoded and resized by libvips), which
        // leaves native memory behind; a site lives after that, so the measured processes are
        // restarts on the seeded folder, and the first start's resident set is reported apart.
        var data = Path.Combine(options.WorkFolder, "data");
        long seedingRss;
        await using (var seeding = await SiteProcess.StartAsync(site, data, outputCache: true, cancellationToken))
        {
            seedingRss = seeding.ResidentBytes();
        }

        byte[] articleBytes;
        long cachedRss;
        await using (var cached = await SiteProcess.StartAsync(site, data, outputCache: true, cancellationToken))
        {
            articleBytes = await cached.FetchAsync(ArticlePath, cancellationToken);
            Console.WriteLine($"  article page: {articleBytes.Length:N0} bytes");
            report.Notes.Add($"Article page {ArticlePath}: {articleBytes.Length:N0} bytes of HTML, served by the baseline from memory.");

            await using (var baseline = await BaselineEndpoint.StartAsync(articleBytes))
            {
                await wrk.RunAsync(settings.Threads, settings.Connections[0], settings.WarmUpSeconds, settings.Encoding, baseline.Origin + ArticlePath, cancellationToken);
                await MeasureAsync(wrk, settings, "baseline (before)", baseline.Origin + ArticlePath, BenchProcessorTime, results, cancellationToken);
            }

            await WarmUpAsync(wrk, settings, cached, report, cancellationToken);
            foreach (var (page, path) in Pages)
            {
                await MeasureAsync(wrk, settings, $"cached {page}", cached.Origin + path, cached.ProcessorTime, results, cancellationToken);
            }

            cachedRss = cached.ResidentBytes();
        }

        long uncachedRss;
        await using (var uncached = await SiteProcess.StartAsync(site, data, outputCache: false, cancellationToken))
        {
            await WarmUpAsync(wrk, settings, uncached, report, cancellationToken);
            foreach (var (page, path) in Pages)
            {
                await MeasureAsync(wrk, settings, $"uncached {page}", uncached.Origin + path, uncached.ProcessorTime, results, cancellationToken);
            }

            uncachedRss = uncached.ResidentBytes();
        }

        await using (var baseline = await BaselineEndpoint.StartAsync(articleBytes))
        {
            await wrk.RunAsync(settings.Threads, settings.Connections[0], settings.WarmUpSeconds, settings.Encoding, baseline.Origin + ArticlePath, cancellationToken);
            await MeasureAsync(wrk, settings, "baseline (after)", baseline.Origin + ArticlePath, BenchProcessorTime, results, cancellationToken);
        }

        foreach (var connections in settings.Connections)
        {
            var baselines = results.Where(r => r.Connections == connections && r.Case.StartsWith("baseline", StringComparison.Ordinal)).Select(r => r.Result).ToList();
            var baseRps = baselines.Average(b => b.RequestsPerSecond);
            var baseP50 = baselines.Average(b => b.P50Ms);
            var baseP99 = baselines.Average(b => b.P99Ms);
            var baseCpu = baselines.Average(b => b.CpuMicrosecondsPerRequest);
            foreach (var (name, _, result) in results.Where(r => r.Connections == connections))
            {
                var row = report.Add($"{name} c{connections}")
                    .Set("req/s", result.RequestsPerSecond)
                    .Set("ratio", result.RequestsPerSecond / baseRps)
                    .Set("p50 ms", result.P50Ms)
                    .Set("p50 ×base", result.P50Ms / baseP50)
                    .Set("p99 ms", result.P99Ms)
                    .Set("p99 ×base", result.P99Ms / baseP99)
                    .Set("CPU µs/req", result.CpuMicrosecondsPerRequest)
                    .Set("CPU ratio", baseCpu / result.CpuMicrosecondsPerRequest);
                if (result.Errors > 0)
                {
                    row.Set("errors", result.Errors);
                }
            }
        }

        report.Add("RSS first start, after seeding demo content").Set("MB", seedingRss / (1024.0 * 1024));
        report.Add("RSS cached site after run").Set("MB", cachedRss / (1024.0 * 1024));
        report.Add("RSS uncached site after run").Set("MB", uncachedRss / (1024.0 * 1024));
        report.Notes.Add("ratio = req/s ÷ the mean of the two baseline runs at the same connection count; ×base = latency ÷ the baseline's.");
        report.Notes.Add("CPU µs/req = CPU time the serving process used during the run (user + system, from the OS) ÷ requests served; "
            + "CPU ratio = the baseline's CPU µs/req ÷ the case's. On a machine busy with other work, req/s falls much further than CPU per request rises, "
            + "so compare CPU µs/req between runs; the budgets are stated in req/s, which only a quiet machine measures fairly.");
        report.Notes.Add("Budgets (DESIGN.md): cached article ratio ≥ 0.5, uncached article ratio ≥ 0.1, resident memory after the run < 250 MB.");
        report.Notes.Add($"Load after the run: {LoadAverage()}");
        return report;
    }

    /// <summary>
    /// Every page of a freshly started site, before any is measured: the JIT's tiering and dynamic
    /// PGO take tens of seconds of traffic to settle, and a page measured first would pay for the others.
    /// </summary>
    private static async Task WarmUpAsync(Wrk wrk, WrkSettings settings, SiteProcess site, SuiteReport report, CancellationToken cancellationToken)
    {
        foreach (var (_, path) in Pages)
        {
            await site.CheckAsync(path, report, cancellationToken);
            await wrk.RunAsync(settings.Threads, settings.Connections[0], settings.WarmUpSeconds, settings.Encoding, site.Origin + path, cancellationToken);
        }
    }

    private static TimeSpan BenchProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <param name="processorTime">The serving process's CPU time so far: the site's, or this process's for the baseline (idle but for it while wrk runs).</param>
    private static async Task MeasureAsync(Wrk wrk, WrkSettings settings, string name, string url, Func<TimeSpan> processorTime, List<(string, int, WrkResult)> results, CancellationToken cancellationToken)
    {
        foreach (var connections in settings.Connections)
        {
            var before = processorTime();
            var result = await wrk.RunAsync(settings.Threads, connections, settings.Seconds, settings.Encoding, url, cancellationToken);
            result = result with { CpuMicrosecondsPerRequest = (processorTime() - before).TotalMicroseconds / Math.Max(1, result.Requests) };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-18} c{connections,-4} {result.RequestsPerSecond,10:N0} req/s  p50 {result.P50Ms,8:0.###} ms  p99 {result.P99Ms,8:0.###} ms  CPU {result.CpuMicrosecondsPerRequest,6:0} µs/req{(result.Errors > 0 ? $"  {result.Errors} errors" : "")}"));
            results.Add((name, connections, result));
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores (1, 5, 15 min)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record WrkSettings(int Threads, int[] Connections, int Seconds, int WarmUpSeconds, string Encoding);

    internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Requests, double CpuMicrosecondsPerRequest = double.NaN);

    /// <summary>The wrk binary and the parsing of its --latency output.</summary>
    internal sealed partial class Wrk(string path)
    {
        public static Wrk? Find()
        {
            var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
            var found = directories.Select(d => Path.Combine(d, "wrk")).FirstOrDefault(File.Exists);
            return found is null ? null : new Wrk(found);
        }

        public async Task<WrkResult> RunAsync(int threads, int connections, int seconds, string encoding, string url, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { $"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "--timeout", "10s" })
            {
                start.ArgumentList.Add(argument);
            }

            if (encoding.Length > 0)
            {
                start.ArgumentList.Add("-H");
                start.ArgumentList.Add("Accept-Encoding: " + encoding);
            }

            start.ArgumentList.Add(url);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await errors}{text}");
            }

            return Parse(text);
        }

        /// <summary>Requests/sec, the 50% and 99% lines of "Latency Distribution", non-2xx/3xx and socket errors.</summary>
        internal static WrkResult Parse(string output)
        {
            var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            double Percentile(string percent)
            {
                var match = Regex.Match(output, @"^\s+" + percent + @"%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
                if (!match.Success)
                {
                    return double.NaN;
                }

                var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                return match.Groups[2].Value switch
                {
                    "us" => value / 1000,
                    "ms" => value,
                    "s" => value * 1000,
                    _ => value * 60_000,
                };
            }

            long errors = 0;
            if (NonSuccess().Match(output) is { Success: true } nonSuccess)
            {
                errors += long.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            if (SocketErrors().Match(output) is { Success: true } socket)
            {
                errors += Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture));
            }

            var requests = long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
            return new WrkResult(rps, Percentile("50"), Percentile("99"), errors, requests);
        }

        [GeneratedRegex(@"(\d+) requests in ")]
        private static partial Regex RequestCount();

        [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
        private static partial Regex RequestsPerSecond();

        [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
        private static partial Regex NonSuccess();

        [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
        private static partial Regex SocketErrors();
    }

    /// <summary>
    /// The ceiling: Kestrel writing fixed bytes, with the site's content type, in a .NET process
    /// with the same server GC as the site (the bench process, idle while wrk runs).
    /// </summary>
    private sealed class BaselineEndpoint(WebApplication app, string origin) : IAsyncDisposable
    {
        public string Origin { get; } = origin;

        public static async Task<BaselineEndpoint> StartAsync(byte[] body)
        {
            var origin = $"http://127.0.0.1:{SiteProcess.FreePort()}";
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(origin);
            var app = builder.Build();
            app.Run(context =>
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body, 0, body.Length);
            });
            await app.StartAsync();
            return new BaselineEndpoint(app, origin);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
