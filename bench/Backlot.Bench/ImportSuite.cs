using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Backlot.Bench;

/// <summary>
/// `import`: times `backlot import wordpress` in a child process (so its peak memory is its own) on
/// the theme unit test export and on a generated export of --size posts (default 10,000).
/// Budgets (DESIGN.md): theme file under 2 s; 10,000 posts under 30 s with peak memory under 400 MB.
/// </summary>
public sealed class ImportSuite : ISuite
{
    public string Name => "import";

    public string Description => "WordPress import: the theme unit test file and a generated --size-post export (time, peak memory)";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var report = new SuiteReport { Suite = Name };
        var theme = ThemeUnitTestFile();
        if (theme is null)
        {
            report.Notes.Add("../shared/fixtures/wxr/theme-unit-test-data.xml is absent: the theme file was not timed.");
        }
        else
        {
            await MeasureAsync(report, "theme unit test", theme, Path.Combine(options.WorkFolder, "theme"), cancellationToken);
        }

        var size = options.Size ?? 10_000;
        var generated = Path.Combine(options.WorkFolder, $"generated-{size}.xml");
        var started = Stopwatch.GetTimestamp();
        var bytes = Generate(generated, size);
        report.Notes.Add($"Generated {size:N0} posts ({bytes / 1024.0 / 1024.0:F1} MB of WXR) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
        await MeasureAsync(report, $"{size:N0} posts", generated, Path.Combine(options.WorkFolder, "generated"), cancellationToken);
        report.Notes.Add("import s: the importer's own time; wall s: the whole command (start-up, migrations, import); cpu s: the command's processor time (sampled until it exits: a little low), which other load on the machine does not inflate; peak MB: the child process's peak working set.");
        report.Notes.Add($"Load average when done: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores.");
        return report;
    }

    private static async Task MeasureAsync(SuiteReport report, string name, string file, string data, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(Backlot.Cli.BacklotCommandLine).Assembly.Location, "import", "wordpress", file, "--data", data, "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0"; // the default for the backlot command line, whatever the bench host uses
        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        var cpu = TimeSpan.Zero;
        while (!process.HasExited)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
                cpu = process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                break; // exited between the check and the read
            }

            await Task.Delay(50, cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        wall.Stop();
        if (process.ExitCode != 0)
        {
            report.Notes.Add($"{name}: backlot exited with {process.ExitCode}: {(await error).Trim()}");
            return;
        }

        using var summary = JsonDocument.Parse(await output);
        var root = summary.RootElement;
        report.Add(name)
            .Set("posts+pages", root.GetProperty("posts").GetInt32() + root.GetProperty("pages").GetInt32())
            .Set("comments", root.GetProperty("comments").GetInt32())
            .Set("import s", Math.Round(root.GetProperty("seconds").GetDouble(), 2))
            .Set("wall s", Math.Round(wall.Elapsed.TotalSeconds, 2))
            .Set("cpu s", Math.Round(cpu.TotalSeconds, 2))
            .Set("peak MB", Math.Round(peak / 1024.0 / 1024.0, 1));
    }

    /// <summary>Writes a WXR 1.2 export of <paramref name="posts"/> posts: varied bodies (a tenth are listicles), categories, tags and comments.</summary>
    internal static long Generate(string path, int posts)
    {
        const string wp = "http://wordpress.org/export/1.2/";
        var random = new Random(42);
        using (var xml = XmlWriter.Create(path, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "excerpt", null, "http://wordpress.org/export/1.2/excerpt/");
            xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
            xml.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
            xml.WriteAttributeString("xmlns", "wp", null, wp);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", "Generated");
            xml.WriteElementString("wxr_version", wp, "1.2");
            xml.WriteElementString("base_site_url", wp, "https://generated.example");
            for (var a = 0; a < 5; a++)
            {
                xml.WriteStartElement("author", wp);
                xml.WriteElementString("author_login", wp, $"writer{a}");
                xml.WriteElementString("author_display_name", wp, $"Writer {a}");
                xml.WriteEndElement();
            }

            for (var c = 0; c < 20; c++)
            {
                xml.WriteStartElement("category", wp);
                xml.WriteElementString("category_nicename", wp, $"section-{c}");
                xml.WriteElementString("category_parent", wp, c >= 10 ? $"section-{c - 10}" : "");
                xml.WriteElementString("cat_name", wp, $"Section {c}");
                xml.WriteEndElement();
            }

            var date = new DateTime(2015, 1, 1, 8, 0, 0, DateTimeKind.Utc);
            for (var p = 1; p <= posts; p++)
            {
                date = date.AddMinutes(random.Next(30, 600));
                var listicle = p % 10 == 0;
                var title = listicle ? $"{5} scenes from year {p} worth another look" : $"Story number {p} about the making of a film";
                xml.WriteStartElement("item");
                xml.WriteElementString("title", title);
                xml.WriteElementString("link", $"https://generated.example/{date:yyyy/MM/dd}/story-{p}/");
                xml.WriteElementString("creator", "http://purl.org/dc/elements/1.1/", $"writer{p % 5}");
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString($"https://generated.example/?p={p}");
                xml.WriteEndElement();
                xml.WriteStartElement("encoded", "http://purl.org/rss/1.0/modules/content/");
                xml.WriteCData(Body(random, listicle));
                xml.WriteEndElement();
                xml.WriteStartElement("encoded", "http://wordpress.org/export/1.2/excerpt/");
                xml.WriteCData($"A short summary of story {p}.");
                xml.WriteEndElement();
                xml.WriteElementString("post_id", wp, p.ToString(CultureInfo.InvariantCulture));
                xml.WriteElementString("post_date", wp, date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                xml.WriteElementString("post_date_gmt", wp, date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                xml.WriteElementString("post_name", wp, $"story-{p}");
                xml.WriteElementString("status", wp, p % 50 == 0 ? "draft" : "publish");
                xml.WriteElementString("post_type", wp, p % 100 == 0 ? "page" : "post");
                xml.WriteElementString("is_sticky", wp, "0");
                WriteTerm(xml, "category", $"section-{p % 20}", $"Section {p % 20}");
                for (var t = 0; t < 3; t++)
                {
                    var tag = random.Next(100);
                    WriteTerm(xml, "post_tag", $"tag-{tag}", $"Tag {tag}");
                }

                xml.WriteStartElement("postmeta", wp);
                xml.WriteElementString("meta_key", wp, "_yoast_wpseo_metadesc");
                xml.WriteElementString("meta_value", wp, $"What happened behind the scenes of story {p}.");
                xml.WriteEndElement();
                for (var c = 1; c <= random.Next(0, 4); c++)
                {
                    xml.WriteStartElement("comment", wp);
                    xml.WriteElementString("comment_id", wp, (p * 10 + c).ToString(CultureInfo.InvariantCulture));
                    xml.WriteElementString("comment_author", wp, $"Reader {c}");
                    xml.WriteElementString("comment_author_email", wp, $"reader{c}@example.com");
                    xml.WriteElementString("comment_author_IP", wp, $"203.0.113.{c}");
                    xml.WriteElementString("comment_date_gmt", wp, date.AddHours(c).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                    xml.WriteElementString("comment_content", wp, "Great piece, thanks for writing it.");
                    xml.WriteElementString("comment_approved", wp, c == 3 ? "0" : "1");
                    xml.WriteElementString("comment_parent", wp, c == 2 ? (p * 10 + 1).ToString(CultureInfo.InvariantCulture) : "0");
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return new FileInfo(path).Length;
    }

    private static string Body(Random random, bool listicle)
    {
        var body = new StringBuilder();
        for (var i = 0; i < random.Next(3, 8); i++)
        {
            body.Append("<!-- wp:paragraph -->\n<p>The production moved to a new stage in the spring, and the crew rebuilt the set from the original drawings. ")
                .Append("Several scenes were shot twice, once on film and once on a digital camera, to compare the look.</p>\n<!-- /wp:paragraph -->\n\n");
        }

        if (listicle)
        {
            for (var n = 1; n <= 5; n++)
            {
                body.Append($"<h2>{n}. Scene {n}</h2>\n<figure><img src=\"https://generated.example/wp-content/uploads/scene-{n}.jpg\" alt=\"Scene {n}\"></figure>\n<p>Why scene {n} still works.</p>\n\n");
            }
        }

        return body.ToString();
    }

    private static void WriteTerm(XmlWriter xml, string domain, string slug, string name)
    {
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", domain);
        xml.WriteAttributeString("nicename", slug);
        xml.WriteCData(name);
        xml.WriteEndElement();
    }

    private static string? ThemeUnitTestFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
            {
                var file = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "fixtures", "wxr", "theme-unit-test-data.xml");
                return File.Exists(file) ? file : null;
            }
        }

        return null;
    }
}
