using System.Diagnostics;
using Backlot.Data;
using Backlot.Features.Articles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Backlot.Bench;

/// <summary>
/// `article-read`: the uncached article page's database read alone (<see cref="ArticleReader.FindAsync"/>),
/// in process: microseconds and bytes allocated per read, on a demo site's database.
/// `--set folder=/data/folder` names a data folder whose SQLite database holds the demo content
/// (a first start of the site makes one); `--set postgres="Host=…;Database=…;…"` reads a PostgreSQL database instead.
/// `--set path=/category/slug` picks the article (the demo listicle by default).
/// </summary>
internal sealed class ArticleReadSuite : ISuite
{
    public string Name => "article-read";

    public string Description => "the article page's database read in process: µs and bytes allocated per read";

    public async Task<SuiteReport> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var report = new SuiteReport { Suite = Name };
        var postgres = options.Setting("postgres", "");
        var path = options.Setting("path", "/movies/behind-the-scenes-details-that-made-scenes-memorable").Trim('/').Split('/');
        var iterations = options.Size ?? 5_000;
        var sqlite = DataServices.SqliteConnectionString(new Infrastructure.DataFolder(options.Setting("folder", options.WorkFolder)));
        // Pooled contexts, as the site registers them (AddDbContextPool).
        Func<BacklotDb> open = postgres.Length > 0
            ? new PooledDbContextFactory<PostgresBacklotDb>(new DbContextOptionsBuilder<PostgresBacklotDb>().UseNpgsql(postgres, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).Options).CreateDbContext
            : new PooledDbContextFactory<SqliteBacklotDb>(new DbContextOptionsBuilder<SqliteBacklotDb>().UseSqlite(sqlite, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).Options).CreateDbContext;

        using var prepared = new PreparedReads(postgres.Length > 0
            ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = postgres }
            : new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = sqlite });

        async Task<ArticleView?> ReadAsync()
        {
            await using var db = open();
            return await new ArticleReader(db, prepared, TimeProvider.System).FindAsync(path[0], path[1], cancellationToken);
        }

        var found = await ReadAsync() ?? throw new InvalidOperationException($"/{string.Join('/', path)} is not a public article in that database.");
        report.Notes.Add($"article /{string.Join('/', path)}: {found.Items.Count} items, {found.Tags.Count} tags, {found.Related.Count} related rows, {found.Comments.Count} comments; provider {(postgres.Length > 0 ? "postgres" : "sqlite")}");

        for (var i = 0; i < Math.Min(iterations, 2_000); i++)
        {
            await ReadAsync(); // let the JIT's tiering settle
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            await ReadAsync();
        }

        var elapsed = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        bytes = GC.GetTotalAllocatedBytes(precise: true) - bytes;
        report.Add("ArticleReader.FindAsync")
            .Set("µs/read", Math.Round(elapsed.TotalMicroseconds / iterations, 1))
            .Set("CPU µs/read", Math.Round(cpu.TotalMicroseconds / iterations, 1))
            .Set("KB allocated/read", Math.Round(bytes / 1024.0 / iterations, 1));
        Console.WriteLine($"  {elapsed.TotalMicroseconds / iterations:F1} µs/read, CPU {cpu.TotalMicroseconds / iterations:F1} µs/read, {bytes / 1024.0 / iterations:F1} KB/read");
        report.Notes.Add($"{iterations:N0} sequential reads after {Math.Min(iterations, 2_000):N0} to warm up, a fresh context each (as a request's scope)");
        return report;
    }
}
