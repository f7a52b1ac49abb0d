using System.Globalization;

namespace Backlot.Bench;

/// <summary>
/// What telemetry costs on the hottest path, the cached article: sites on one seeded data
/// folder, one with no telemetry settings (nothing listens to the meters) and one with
/// Telemetry:Prometheus=true (the OpenTelemetry SDK aggregating Backlot's, ASP.NET Core's, HttpClient's
/// and the runtime's metrics), measured alternately, round after round, so that load from other
/// work on the machine weighs on both alike. /metrics is scraped once at the end, to check the
/// metrics site counted its cache hits.
/// Settings: --duration S (10) per measurement, --set rounds=4, --set connections=32, --set threads=2, --set warmup=10,
/// --set base=PATH/backlot.dll (a Release build from before telemetry, measured too in each round, to show what the
/// telemetry code costs with nothing configured).
/// </summary>
public sealed class TelemetrySuite : ISuite
{
    private const string ArticlePath = "/movies/behind-the-scenes-details-that-made-scenes-memorable";

    public string Name => "telemetry";
    public string Description => "cached article with telemetry off and with metrics on (Prometheus), alternately";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new SuiteReport { Suite = Name };
        var wrk = HttpSuite.Wrk.Find();
        if (wrk is null)
        {
            report.Notes.Add("wrk was not found on PATH: nothing was measured. Install it with `apt-get install wrk`.");
            return report;
        }

        var rounds = int.Parse(options.Setting("rounds", "4"), CultureInfo.InvariantCulture);
        var connections = int.Parse(options.Setting("connections", "32"), CultureInfo.InvariantCulture);
        var threads = int.Parse(options.Setting("threads", "2"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(options.Setting("warmup", "10"), CultureInfo.InvariantCulture);
        report.Notes.Add($"Load before the run: {LoadAverage()}");
        report.Notes.Add($"wrk -t{threads} -c{connections} -d{options.DurationSeconds}s on {ArticlePath}, {rounds} rounds, in the order listed in each, after {warmup} s of warm-up on each site");

        var site = await SiteBuild.LocateAsync(cancellationToken);
        var data = Path.Combine(options.WorkFolder, "data");
        await using (await SiteProcess.StartAsync(site, data, outputCache: true, cancellationToken))
        {
            // The first start seeds the demo content; the measured sites are restarts, as in the http suite.
        }

        var baseBuild = options.Setting("base", "");
        await using var before = baseBuild.Length > 0 ? await SiteProcess.StartAsync(baseBuild, data, outputCache: true, cancellationToken) : null;
        await using var off = await SiteProcess.StartAsync(site, data, outputCache: true, cancellationToken);
        await using var on = await SiteProcess.StartAsync(site, data, outputCache: true, cancellationToken, "--Telemetry:Prometheus=true");
        var sites = new List<(string Name, SiteProcess Process)>();
        if (before is not null)
        {
            sites.Add(("before", before));
            report.Notes.Add($"before = {baseBuild}, a build without the telemetry code");
        }

        sites.Add(("off", off));
        sites.Add(("metrics on", on));
        foreach (var (_, warming) in sites)
        {
            await wrk.RunAsync(threads, connections, warmup, "", warming.Origin + ArticlePath, cancellationToken);
        }

        var results = sites.ToDictionary(s => s.Name, _ => new List<HttpSuite.WrkResult>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, process) in sites)
            {
                var cpuBefore = process.ProcessorTime();
                var result = await wrk.RunAsync(threads, connections, options.DurationSeconds, "", process.Origin + ArticlePath, cancellationToken);
                result = result with { CpuMicrosecondsPerRequest = (process.ProcessorTime() - cpuBefore).TotalMicroseconds / Math.Max(1, result.Requests) };
                results[name].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round} {name,-10} {result.RequestsPerSecond,10:N0} req/s  p99 {result.P99Ms,8:0.###} ms  CPU {result.CpuMicrosecondsPerRequest,6:0} µs/req{(result.Errors > 0 ? $"  {result.Errors} errors" : "")}"));
                report.Add($"round {round} {name}").Set("req/s", result.RequestsPerSecond).Set("p99 ms", result.P99Ms).Set("CPU µs/req", result.CpuMicrosecondsPerRequest);
            }
        }

        var offRps = results["off"].Average(r => r.RequestsPerSecond);
        var offCpu = results["off"].Average(r => r.CpuMicrosecondsPerRequest);
        foreach (var (name, list) in results)
        {
            report.Add($"mean {name}")
                .Set("req/s", list.Average(r => r.RequestsPerSecond))
                .Set("ratio to off", list.Average(r => r.RequestsPerSecond) / offRps)
                .Set("p99 ms", list.Average(r => r.P99Ms))
                .Set("CPU µs/req", list.Average(r => r.CpuMicrosecondsPerRequest))
                .Set("CPU ×off", list.Average(r => r.CpuMicrosecondsPerRequest) / offCpu);
        }

        var scrape = System.Text.Encoding.UTF8.GetString(await on.FetchAsync("/metrics", cancellationToken));
        var hits = scrape.Split('\n').FirstOrDefault(l => l.StartsWith("backlot_output_cache_hits_total", StringComparison.Ordinal)) ?? "backlot_output_cache_hits_total missing";
        Console.WriteLine($"  {hits}");
        report.Notes.Add($"/metrics on the metrics site after the run: {hits}");
        report.Notes.Add($"Load after the run: {LoadAverage()}");
        return report;
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
}
