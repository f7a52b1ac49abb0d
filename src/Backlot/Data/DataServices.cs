using Backlot.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Backlot.Data;

public static class DataServices
{
    /// <summary>
    /// Registers <see cref="BacklotDb"/> for the configured provider. Settings are read when the
    /// first context is made, not here, so hosts that add configuration late (tests) are honoured.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp => DataFolder.Resolve(sp.GetRequiredService<IConfiguration>(), contentRoot));
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration, DataFolder>((options, configuration, folder) =>
            {
                options.ConnectionString ??= configuration.GetConnectionString("Backlot");
                if (options.Provider == DatabaseProvider.Sqlite)
                {
                    options.ConnectionString ??= SqliteConnectionString(folder);
                }
                else if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but no connection string is set (Database:ConnectionString or ConnectionStrings:Backlot).");
                }
            });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        builder.Services.AddDbContextPool<SqliteBacklotDb>((sp, db) => db.UseSqliteDatabase(sp.GetRequiredService<DatabaseOptions>().ConnectionString!));
        builder.Services.AddDbContextPool<PostgresBacklotDb>((sp, db) => db.UsePostgres(sp.GetRequiredService<DatabaseOptions>().ConnectionString!));
        builder.Services.AddScoped<BacklotDb>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresBacklotDb>()
            : sp.GetRequiredService<SqliteBacklotDb>());

        builder.Services.AddSingleton<PreparedReads>();
        builder.Services.AddHealthChecks().AddDbContextCheck<BacklotDb>("database", tags: [Infrastructure.Readiness.Tag]);
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
