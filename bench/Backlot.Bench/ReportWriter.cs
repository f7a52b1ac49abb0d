using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Backlot.Bench;

/// <summary>Prints a report as a table and writes bench/results/&lt;suite&gt;.json and .md with the machine and the commit.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task WriteAsync(SuiteReport report, string resultsFolder)
    {
        var machine = Machine();
        var table = Table(report);
        Console.WriteLine();
        Console.WriteLine($"## {report.Suite}");
        Console.WriteLine(machine);
        Console.WriteLine();
        Console.WriteLine(table);
        foreach (var note in report.Notes)
        {
            Console.WriteLine("- " + note);
        }

        Directory.CreateDirectory(resultsFolder);
        var json = new
        {
            suite = report.Suite,
            at = DateTimeOffset.UtcNow,
            machine,
            rows = report.Rows.Select(r => new { name = r.Name, figures = r.Figures.ToDictionary(f => f.Key, f => f.Value) }),
            notes = report.Notes,
        };
        await File.WriteAllTextAsync(Path.Combine(resultsFolder, report.Suite + ".json"), JsonSerializer.Serialize(json, Indented));
        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Benchmark: {report.Suite}")
            .AppendLine()
            .AppendLine(machine)
            .AppendLine()
            .AppendLine(table);
        foreach (var note in report.Notes)
        {
            markdown.AppendLine("- " + note);
        }

        await File.WriteAllTextAsync(Path.Combine(resultsFolder, report.Suite + ".md"), markdown.ToString());
    }

    private static string Table(SuiteReport report)
    {
        var columns = report.Rows.SelectMany(r => r.Figures.Select(f => f.Key)).Distinct().ToList();
        var text = new StringBuilder();
        text.Append("| case | ").AppendJoin(" | ", columns).AppendLine(" |");
        text.Append("|---|").AppendJoin("", columns.Select(_ => "---:|")).AppendLine();
        foreach (var row in report.Rows)
        {
            text.Append("| ").Append(row.Name).Append(" | ");
            text.AppendJoin(" | ", columns.Select(c => row.Figures.FirstOrDefault(f => f.Key == c) is { Key: not null } f ? Format(f.Value) : ""));
            text.AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : Math.Abs(value) >= 1 ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Machine()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"Machine: {Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, commit {Commit()}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    private static string Commit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
