using Microsoft.Data.Sqlite;
using Npgsql;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>A data folder (and PostgreSQL database on a PostgreSQL run) for <see cref="BacklotProcess"/>, with direct SQL for counting.</summary>
internal sealed class ProcessData : IAsyncDisposable
{
    private readonly string? postgresDatabase;

    public ProcessData()
    {
        Folder = Directory.CreateTempSubdirectory("backlot-process-").FullName;
        if (TestEnvironment.AllOnPostgres)
        {
            TestEnvironment.RequirePostgres();
            postgresDatabase = "backlot_test_proc_" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    public string Folder { get; }

    public bool OnPostgres => postgresDatabase is not null;

    public IReadOnlyList<string> Settings => postgresDatabase is null
        ? ["--data", Folder]
        : ["--data", Folder, "--Database:Provider=Postgres", $"--Database:ConnectionString={Postgres.ConnectionStringFor(postgresDatabase)}"];

    public async Task InitializeAsync()
    {
        if (postgresDatabase is not null)
        {
            await Postgres.ExecuteAsync($"CREATE DATABASE {postgresDatabase}");
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        if (postgresDatabase is null)
        {
            await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder, "backlot.db"), Pooling = false, DefaultTimeout = 30 }.ToString());
            await sqlite.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = sqlite.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var postgres = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres.ConnectionStringFor(postgresDatabase)) { Pooling = false }.ToString());
        await postgres.OpenAsync(TestContext.Current.CancellationToken);
        await using var pgCommand = new NpgsqlCommand(sql, postgres);
        return Convert.ToInt64(await pgCommand.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Polls <paramref name="sql"/> until it returns <paramref name="expected"/>; false after the timeout.</summary>
    public async Task<bool> EventuallyAsync(string sql, Func<long, bool> expected, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (expected(await ScalarAsync(sql)))
                {
                    return true;
                }
            }
            catch (SqliteException)
            {
                // the table may not exist yet
            }
            catch (PostgresException)
            {
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
