using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Backlot.Data;

/// <summary>
/// Connections for the hottest public read (the article page with the output cache off), whose
/// statements are prepared once and reused. On SQLite, preparing is most of a small query's cost,
/// and Microsoft.Data.Sqlite finalizes a command's statements whenever its connection closes, so
/// every EF query prepares its statements again. These connections stay open, each keeping its
/// own commands; a read borrows one and gives it back. On PostgreSQL the read runs on the
/// context's own connection, its statements sent in one batch.
/// </summary>
public sealed class PreparedReads(DatabaseOptions options) : IDisposable
{
    private readonly ConcurrentBag<SqliteReadConnection> idle = [];
    private readonly int keepAtMost = Math.Max(4, Environment.ProcessorCount * 4);
    private volatile bool disposed;

    /// <summary>A connection to read with, open, until the lease is disposed.</summary>
    public async ValueTask<PreparedReadLease> OpenAsync(BacklotDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new PreparedReadLease(db, null, this);
        }

        if (!idle.TryTake(out var connection))
        {
            connection = new SqliteReadConnection(ReadConnectionString(options.ConnectionString!));
        }

        return new PreparedReadLease(null, connection, this);
    }

    internal void Return(SqliteReadConnection connection)
    {
        if (disposed || idle.Count >= keepAtMost)
        {
            connection.Dispose();
            return;
        }

        idle.Add(connection);
        if (disposed && idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    // Not pooled: these connections are the pool, and closing one must really close the file.
    private static string ReadConnectionString(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
}

/// <summary>A borrowed connection: commands made from it are prepared once per connection and reused.</summary>
public sealed class PreparedReadLease : IAsyncDisposable
{
    private readonly BacklotDb? postgres;
    private readonly SqliteReadConnection? sqlite;
    private readonly PreparedReads owner;
    private DbCommand? postgresCommand;

    internal PreparedReadLease(BacklotDb? postgres, SqliteReadConnection? sqlite, PreparedReads owner)
    {
        this.postgres = postgres;
        this.sqlite = sqlite;
        this.owner = owner;
    }

    /// <summary>
    /// The command for <paramref name="sql"/> with its parameters set. Run one command at a time:
    /// on SQLite the same command object (and its prepared statements) serves every read of that text.
    /// </summary>
    public DbCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        DbCommand command;
        if (sqlite is not null)
        {
            command = sqlite.Command(sql);
        }
        else
        {
            postgresCommand?.Dispose();
            command = postgresCommand = postgres!.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters[name].Value = value;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        if (sqlite is not null)
        {
            owner.Return(sqlite);
            return;
        }

        postgresCommand?.Dispose();
        await postgres!.Database.CloseConnectionAsync();
    }
}

/// <summary>An open SQLite connection with its commands, one per SQL text, each prepared on first use.</summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    public SqliteReadConnection(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
    }

    public SqliteCommand Command(string sql)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in ParameterNames(sql))
            {
                command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
            }

            commands[sql] = command;
        }

        return command;
    }

    // Every "@name" in the text; the texts are the application's own constants.
    private static IEnumerable<string> ParameterNames(string sql)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = sql.IndexOf('@', StringComparison.Ordinal); i >= 0; i = sql.IndexOf('@', i + 1))
        {
            var end = i + 1;
            while (end < sql.Length && (char.IsAsciiLetterOrDigit(sql[end]) || sql[end] == '_'))
            {
                end++;
            }

            if (end > i + 1 && seen.Add(sql[i..end]))
            {
                yield return sql[i..end];
            }
        }
    }

    public void Dispose()
    {
        foreach (var command in commands.Values)
        {
            command.Dispose();
        }

        connection.Dispose();
    }
}
