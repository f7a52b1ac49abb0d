using System.IO.Compression;
using Backlot.Data;
using Backlot.Features.Import;
using Backlot.Infrastructure;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Backlot.IntegrationTests.Import;

public sealed class BackupTests(BacklotFactory demo) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task A_backup_restored_into_an_empty_folder_gives_back_the_same_site()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"backlot-backup-{Guid.NewGuid():N}.zip");
        var restored = new DataFolder(Path.Combine(Path.GetTempPath(), "backlot-tests", $"restored-{Guid.NewGuid():N}"));
        var database = demo.OnPostgres ? new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = await EmptyPostgresDatabaseAsync() } : new DatabaseOptions();
        database.ConnectionString ??= DataServices.SqliteConnectionString(restored);
        try
        {
            await using (var scope = demo.Scope())
            {
                var manifest = await scope.ServiceProvider.GetRequiredService<BackupArchive>().CreateAsync(zip, TestContext.Current.CancellationToken);
                Assert.True(manifest.MediaFiles > 0);
                await using var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
                await new BackupArchive(db, database, restored, TimeProvider.System).RestoreAsync(zip, TestContext.Current.CancellationToken);
            }

            var (articles, titles) = await ArticlesAsync(demo.OnPostgres ? Postgres(database.ConnectionString) : Sqlite(database.ConnectionString));
            var expected = (0, "");
            await demo.WithDbAsync(async db => expected = (await db.Articles.CountAsync(), string.Join("|", await db.Articles.OrderBy(a => a.Id).Select(a => a.Title).ToListAsync())));
            Assert.Equal(expected, (articles, titles));
            Assert.Equal(
                Directory.GetFiles(Path.Combine(demo.DataPath, "media"), "*", SearchOption.AllDirectories).Length,
                Directory.GetFiles(restored.MediaPath, "*", SearchOption.AllDirectories).Length);
        }
        finally
        {
            File.Delete(zip);
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_file_that_is_not_a_backup_is_refused_before_anything_is_touched()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"backlot-not-a-backup-{Guid.NewGuid():N}.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("hello.txt");
        }

        var target = new DataFolder(Path.Combine(Path.GetTempPath(), "backlot-tests", $"untouched-{Guid.NewGuid():N}"));
        await using var scope = demo.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();

        var error = await Assert.ThrowsAsync<BackupException>(() =>
            new BackupArchive(db, new DatabaseOptions { ConnectionString = DataServices.SqliteConnectionString(target) }, target, TimeProvider.System).RestoreAsync(zip, TestContext.Current.CancellationToken));

        Assert.Equal($"{zip} is not a Backlot backup: it has no manifest.json.", error.Message);
        Assert.False(Directory.Exists(target.Path));
        File.Delete(zip);
    }

    private static async Task<string> EmptyPostgresDatabaseAsync()
    {
        var name = "backlot_restore_" + Guid.NewGuid().ToString("N")[..12];
        await Infrastructure.Postgres.ExecuteAsync($"CREATE DATABASE {name}");
        return Infrastructure.Postgres.ConnectionStringFor(name);
    }

    private static Func<Task<(int, string)>> Sqlite(string connectionString) => async () =>
    {
        await using var db = new SqliteBacklotDb(new DbContextOptionsBuilder<SqliteBacklotDb>().UseSqlite(connectionString).Options);
        return (await db.Articles.CountAsync(), string.Join("|", await db.Articles.OrderBy(a => a.Id).Select(a => a.Title).ToListAsync()));
    };

    private static Func<Task<(int, string)>> Postgres(string connectionString) => async () =>
    {
        await using var db = new PostgresBacklotDb(new DbContextOptionsBuilder<PostgresBacklotDb>().UseNpgsql(connectionString).Options);
        var result = (await db.Articles.CountAsync(), string.Join("|", await db.Articles.OrderBy(a => a.Id).Select(a => a.Title).ToListAsync()));
        NpgsqlConnection.ClearAllPools();
        return result;
    };

    private static Task<(int, string)> ArticlesAsync(Func<Task<(int, string)>> read) => read();
}
