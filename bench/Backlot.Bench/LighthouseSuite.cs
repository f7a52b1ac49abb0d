using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Backlot.Bench;

/// <summary>
/// Lighthouse (npm package pinned in bench/lighthouse, `npm ci` there first) with Debian's
/// chromium, headless, against the Release site on a fresh data folder: the demo article and the
/// home page. Prints the four category scores and the transfer size of HTML, CSS, JS and images.
/// Chromium resolves no host but 127.0.0.1, so a page that reached for the network would show it.
/// Settings: --set preset=mobile|desktop (mobile), --set chrome=/usr/bin/chromium.
/// </summary>
public sealed class LighthouseSuite : ISuite
{
    private static readonly (string Name, string Path)[] Pages =
    [
        ("article", "/movies/behind-the-scenes-details-that-made-scenes-memorable"),
        ("home", "/"),
    ];

    public string Name => "lighthouse";
    public string Description => "Lighthouse scores and page weight of the demo article and home page";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new SuiteReport { Suite = Name };
        var folder = Path.Combine(SiteBuild.RepositoryRoot(), "bench", "lighthouse");
        var lighthouse = Path.Combine(folder, "node_modules", "lighthouse", "cli", "index.js");
        var chrome = options.Setting("chrome", Environment.GetEnvironmentVariable("CHROME_PATH") ?? "/usr/bin/chromium");
        var preset = options.Setting("preset", "mobile");
        if (!File.Exists(lighthouse))
        {
            Console.WriteLine($"  Lighthouse is not installed: run `npm ci` in {folder}. Skipping.");
            report.Notes.Add($"Lighthouse was not found at {lighthouse}: nothing was measured. Run `npm ci` in bench/lighthouse.");
            return report;
        }

        if (!File.Exists(chrome))
        {
            Console.WriteLine($"  Chromium was not found at {chrome}. Skipping.");
            report.Notes.Add($"Chromium was not found at {chrome} (set CHROME_PATH or --set chrome=…): nothing was measured.");
            return report;
        }

        report.Notes.Add($"Load before the run: {Load()}");
        report.Notes.Add($"Lighthouse {preset} preset (its simulated throttling), headless chromium {chrome}; sizes are transfer sizes (uncompressed where the server did not compress), in KB.");
        var site = await SiteBuild.LocateAsync(cancellationToken);
        await using var server = await SiteProcess.StartAsync(site, Path.Combine(options.WorkFolder, "site"), outputCache: true, cancellationToken);

        // A just-started process renders its first pages with unoptimised code (and fills the
        // output cache): Lighthouse would time that, not the site readers meet.
        foreach (var (_, path) in Pages)
        {
            for (var i = 0; i < 20; i++)
            {
                await server.FetchAsync(path, cancellationToken);
            }
        }

        foreach (var (name, path) in Pages)
        {
            var output = Path.Combine(options.WorkFolder, name + ".json");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            foreach (var argument in new[]
            {
                lighthouse, server.Origin + path, "--output=json", $"--output-path={output}", "--quiet",
                "--only-categories=performance,accessibility,best-practices,seo",
                "--max-wait-for-load=60000",
                // Every host but 127.0.0.1 fails to resolve: the page may load nothing from elsewhere.
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1\"",
            })
            {
                start.ArgumentList.Add(argument);
            }

            if (preset == "desktop")
            {
                start.ArgumentList.Add("--preset=desktop");
            }

            start.Environment["CHROME_PATH"] = chrome;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await stdout;
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                report.Notes.Add($"Lighthouse failed on {path} (exit {process.ExitCode}): {(await stderr).Trim()}");
                continue;
            }

            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(output, cancellationToken));
            var row = report.Add(name);
            var categories = json.RootElement.GetProperty("categories");
            foreach (var (category, label) in new[] { ("performance", "perf"), ("accessibility", "a11y"), ("best-practices", "best"), ("seo", "seo") })
            {
                var score = categories.GetProperty(category).GetProperty("score");
                row.Set(label, score.ValueKind == JsonValueKind.Number ? Math.Round(score.GetDouble() * 100) : double.NaN);
            }

            var audits = json.RootElement.GetProperty("audits");
            var sizes = TransferSizes(audits);
            foreach (var type in new[] { "Document", "Stylesheet", "Script", "Image" })
            {
                row.Set(type switch { "Document" => "HTML KB", "Stylesheet" => "CSS KB", "Script" => "JS KB", _ => "img KB" }, sizes.GetValueOrDefault(type) / 1024.0);
            }

            row.Set("total KB", sizes.Values.Sum() / 1024.0);
            foreach (var (metric, label) in new[] { ("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS") })
            {
                if (audits.TryGetProperty(metric, out var audit) && audit.TryGetProperty("displayValue", out var shown))
                {
                    report.Notes.Add($"{name}: {label} {shown.GetString()}");
                }
            }

            foreach (var failing in Failing(audits))
            {
                report.Notes.Add($"{name}: audit below 100: {failing}");
            }

            Console.WriteLine($"  {name}: {string.Join(", ", row.Figures.Select(f => $"{f.Key} {f.Value.ToString("0.#", CultureInfo.InvariantCulture)}"))}");
        }

        report.Notes.Add("Targets (issue 8): 100 in all four; HTML < 60 KB, CSS < 20 KB, JS < 10 KB.");
        report.Notes.Add($"Load after the run: {Load()}");
        return report;
    }

    /// <summary>Bytes on the wire by resource type, from the network-requests audit.</summary>
    private static Dictionary<string, double> TransferSizes(JsonElement audits)
    {
        var sizes = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!audits.TryGetProperty("network-requests", out var requests) || !requests.TryGetProperty("details", out var details))
        {
            return sizes;
        }

        foreach (var item in details.GetProperty("items").EnumerateArray())
        {
            var type = item.TryGetProperty("resourceType", out var t) ? t.GetString() ?? "Other" : "Other";
            var size = item.TryGetProperty("transferSize", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
            sizes[type] = sizes.GetValueOrDefault(type) + size;
        }

        return sizes;
    }

    /// <summary>Scored audits (not informative ones) that did not pass, with what Lighthouse shows.</summary>
    private static IEnumerable<string> Failing(JsonElement audits)
    {
        foreach (var audit in audits.EnumerateObject())
        {
            var value = audit.Value;
            if (value.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number && score.GetDouble() < 1
                && value.TryGetProperty("scoreDisplayMode", out var mode) && mode.GetString() is "binary" or "numeric" or "metricSavings")
            {
                var shown = value.TryGetProperty("displayValue", out var d) ? " " + d.GetString() : "";
                yield return $"{audit.Name} ({Math.Round(score.GetDouble() * 100)}){shown}";
            }
        }
    }

    private static string Load()
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
