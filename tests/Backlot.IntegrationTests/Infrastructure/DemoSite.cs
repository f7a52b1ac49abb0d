using Backlot.Features.Discovery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// The demo site, seeded once per test run by the real start-up path, then copied for each test
/// class: drawing the demo images takes seconds, copying a folder does not.
/// </summary>
internal static class DemoSite
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Template? onSqlite;
    private static Template? onPostgres;

    /// <summary>Copies the seeded site into <paramref name="dataPath"/>, and into a new PostgreSQL database when one is named.</summary>
    public static async Task CopyToAsync(string dataPath, string? postgresDatabase)
    {
        Template template;
        await Gate.WaitAsync();
        try
        {
            template = postgresDatabase is null
                ? onSqlite ??= await SeedAsync(database: null)
                : onPostgres ??= await SeedAsync("backlot_template_" + Guid.NewGuid().ToString("N")[..12]);
            if (postgresDatabase is not null)
            {
                await Postgres.ExecuteAsync($"CREATE DATABASE {postgresDatabase} TEMPLATE {template.Database}");
            }
        }
        finally
        {
            Gate.Release();
        }

        CopyFolder(template.Path, dataPath);
    }

    private static async Task<Template> SeedAsync(string? database)
    {
        var template = new Template(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "backlot-tests", "template-" + Guid.NewGuid().ToString("N")), database);
        Directory.CreateDirectory(template.Path);
        if (database is not null)
        {
            await Postgres.ExecuteAsync($"CREATE DATABASE {database}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                NpgsqlConnection.ClearAllPools();
                Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)").GetAwaiter().GetResult();
            };
        }

        await using (var seeding = new SeedingFactory(template))
        {
            _ = seeding.Server; // starting the site runs migrations and the demo seeder

            // Each seeded article queued its neighbours for the background: the copies start with them computed.
            await seeding.Services.GetRequiredService<RelatedRefresher>().DrainAsync(CancellationToken.None);
        }

        SqliteConnection.ClearAllPools(); // closes the file, folding the WAL into it
        NpgsqlConnection.ClearAllPools(); // a template database must have no connections
        return template;
    }

    private sealed record Template(string Path, string? Database);

    private static void CopyFolder(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(directory.Replace(from, to, StringComparison.Ordinal));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, file.Replace(from, to, StringComparison.Ordinal), overwrite: true);
        }
    }

    private sealed class SeedingFactory(Template template) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("DataPath", template.Path);
            builder.UseSetting("Demo:Enabled", "true");
            if (template.Database is not null)
            {
                builder.UseSetting("Database:Provider", "Postgres");
                builder.UseSetting("Database:ConnectionString", Postgres.ConnectionStringFor(template.Database));
            }
        }
    }
}
