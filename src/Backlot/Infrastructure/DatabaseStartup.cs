using Backlot.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Infrastructure;

/// <summary>Opens the database at start-up: creates the data folder, applies migrations, turns on WAL.</summary>
public static class DatabaseStartup
{
    /// <summary>
    /// Returns false after printing one line naming the path (or the server) when the database
    /// cannot be opened: a read-only folder, a corrupt file, a server that refuses.
    /// </summary>
    public static async Task<bool> TryPrepareDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var folder = app.Services.GetRequiredService<DataFolder>();
        var where = options.Provider == DatabaseProvider.Sqlite ? folder.DatabaseFile : "the PostgreSQL server in Database:ConnectionString";
        try
        {
            folder.EnsureCreated();
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BacklotDb>();
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers go on while one writer writes; it is a property of the file, set once.
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync();
            return true;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException or DbUpdateException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"Backlot cannot open its database at {where}: {FirstLine(e)}");
            return false;
        }
    }

    private static string FirstLine(Exception e)
    {
        var message = (e.InnerException is SqliteException inner ? inner : e).Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? message : message[..newline]).Trim();
    }
}
