using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// The demo site, seeded once per test run by the real start-up path, then copied for each test
/// class: drawing the demo images takes seconds, copying a folder does not.
/// </summary>
internal static class DemoSite
{
    private static readonly string TemplatePath = Path.Combine(Path.GetTempPath(), "backlot-tests", "template-" + Guid.NewGuid().ToString("N"));
    private static readonly string? TemplateDatabase = TestEnvironment.PostgresServer is null ? null : "backlot_template_" + Guid.NewGuid().ToString("N")[..12];
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool seeded;

    public static async Task CopyToAsync(string dataPath, string? postgresDatabase)
    {
        await Gate.WaitAsync();
        try
        {
            if (!seeded)
            {
                await SeedTemplateAsync();
                seeded = true;
            }

            if (postgresDatabase is not null)
            {
                await Postgres.ExecuteAsync($"CREATE DATABASE {postgresDatabase} TEMPLATE {TemplateDatabase}");
            }
        }
        finally
        {
            Gate.Release();
        }

        CopyFolder(TemplatePath, dataPath);
    }

    private static async Task SeedTemplateAsync()
    {
        Directory.CreateDirectory(TemplatePath);
        if (TemplateDatabase is not null)
        {
            await Postgres.ExecuteAsync($"CREATE DATABASE {TemplateDatabase}");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                NpgsqlConnection.ClearAllPools();
                Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {TemplateDatabase} WITH (FORCE)").GetAwaiter().GetResult();
            };
        }

        await using (var seeding = new SeedingFactory())
        {
            _ = seeding.Server; // starting the site runs migrations and the demo seeder
        }

        SqliteConnection.ClearAllPools(); // closes the file, folding the WAL into it
        NpgsqlConnection.ClearAllPools(); // a template database must have no connections
    }

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

    private sealed class SeedingFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("DataPath", TemplatePath);
            builder.UseSetting("Demo:Enabled", "true");
            if (TemplateDatabase is not null)
            {
                builder.UseSetting("Database:Provider", "Postgres");
                builder.UseSetting("Database:ConnectionString", Postgres.ConnectionStringFor(TemplateDatabase));
            }
        }
    }
}
