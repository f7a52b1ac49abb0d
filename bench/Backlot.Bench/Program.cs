using System.Globalization;
using Backlot.Bench;

// dotnet run -c Release --project bench/Backlot.Bench -- <suite|all> [--size N] [--duration S] [--set key=value] [--keep]
var suites = typeof(ISuite).Assembly.GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISuite).IsAssignableFrom(t))
    .Select(t => (ISuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: backlot-bench <suite|all> [--size N] [--duration seconds] [--set key=value]... [--keep]");
    foreach (var suite in suites)
    {
        Console.WriteLine($"  {suite.Name,-10} {suite.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var chosen = args[0] == "all" ? suites : suites.Where(s => s.Name == args[0]).ToList();
if (chosen.Count == 0)
{
    await Console.Error.WriteLineAsync($"Unknown suite '{args[0]}'. Suites: {string.Join(", ", suites.Select(s => s.Name))}, all.");
    return 2;
}

int? size = null;
var duration = 10;
var keep = false;
var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--duration": duration = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--keep": keep = true; break;
        case "--set":
            var pair = args[++i].Split('=', 2);
            settings[pair[0]] = pair.Length > 1 ? pair[1] : "";
            break;
        default:
            await Console.Error.WriteLineAsync($"Unknown option '{args[i]}'.");
            return 2;
    }
}

var results = Path.Combine(RepositoryRoot(), "bench", "results");
foreach (var suite in chosen)
{
    var work = Directory.CreateTempSubdirectory($"backlot-bench-{suite.Name}-").FullName;
    try
    {
        Console.WriteLine($"Running {suite.Name} in {work} …");
        var report = await suite.RunAsync(new BenchOptions { Size = size, DurationSeconds = duration, Settings = settings, WorkFolder = work }, CancellationToken.None);
        await ReportWriter.WriteAsync(report, results);
    }
    finally
    {
        if (!keep)
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
