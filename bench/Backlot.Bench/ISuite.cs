namespace Backlot.Bench;

/// <summary>
/// One benchmark suite (`http`, `push`, `import`, `search`, …). Suites are found by reflection, so
/// adding one is adding a class. A suite measures and reports; it never asserts.
/// </summary>
public interface ISuite
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    string Description { get; }

    Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken);
}

/// <summary>Command-line options shared by every suite: `--size 50000`, `--duration 10`, `--set key=value`.</summary>
public sealed class BenchOptions
{
    public int? Size { get; init; }
    public int DurationSeconds { get; init; } = 10;

    /// <summary>Suite-specific settings given as --set key=value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>A fresh, empty folder for this run's data; deleted afterwards unless --keep is given.</summary>
    public required string WorkFolder { get; init; }

    public string Setting(string key, string fallback) => Settings.TryGetValue(key, out var value) ? value : fallback;
}

/// <summary>A suite's figures: a table of rows, each a name and named numbers, plus free notes.</summary>
public sealed class SuiteReport
{
    public required string Suite { get; init; }
    public List<ReportRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];

    public ReportRow Add(string name)
    {
        var row = new ReportRow(name);
        Rows.Add(row);
        return row;
    }
}

public sealed class ReportRow(string name)
{
    public string Name { get; } = name;

    /// <summary>Figures in insertion order: "req/s" → 15234, "p99 ms" → 4.2, "ratio" → 0.61.</summary>
    public List<KeyValuePair<string, double>> Figures { get; } = [];

    public ReportRow Set(string figure, double value)
    {
        Figures.Add(new(figure, value));
        return this;
    }
}
