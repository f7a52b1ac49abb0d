using Backlot.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Backlot.Data;

public static class DataServices
{
    /// <summary>Registers <see cref="BacklotDb"/> for the configured provider.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString ??= builder.Configuration.GetConnectionString("Backlot");
        builder.Services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = options.ConnectionString
                    ?? throw new InvalidOperationException("Database:Provider is Postgres but no connection string is set (Database:ConnectionString or ConnectionStrings:Backlot).");
                builder.Services.AddDbContextPool<BacklotDb, PostgresBacklotDb>(db => db.UsePostgres(postgres));
                break;
            default:
                var sqlite = options.ConnectionString ?? SqliteConnectionString(builder.Services.DataFolder(builder));
                options.ConnectionString = sqlite;
                builder.Services.AddDbContextPool<BacklotDb, SqliteBacklotDb>(db => db.UseSqliteDatabase(sqlite));
                break;
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<BacklotDb>("database");
        return builder;
    }

    public static string SqliteConnectionString(DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = folder.DatabaseFile,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30, // also how long a writer waits for a busy database
        }.ToString();
    }

    internal static DbContextOptionsBuilder UseSqliteDatabase(this DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));

    internal static DbContextOptionsBuilder UsePostgres(this DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString, npgsql => npgsql.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
}

/// <summary>Lets `dotnet ef migrations add … --context SqliteBacklotDb` build the context without the web host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBacklotDb>
{
    public SqliteBacklotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBacklotDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBacklotDb>
{
    public PostgresBacklotDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBacklotDb>().UseNpgsql("Host=localhost;Database=backlot_design").Options);
}
