using Backlot.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// A whole Backlot site for one test class: its own data folder and database (a SQLite file, or a
/// fresh PostgreSQL database when BACKLOT_TEST_POSTGRES is set), served in memory or on a real port.
/// With demo content, the site starts as a copy of one seeded once per test run.
/// </summary>
public class BacklotFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly bool withDemo;
    private readonly bool realServer;
    private string? postgresDatabase;

    public BacklotFactory() : this(withDemo: true, realServer: false, onPostgres: TestEnvironment.AllOnPostgres)
    {
    }

    protected BacklotFactory(bool withDemo, bool realServer, bool onPostgres)
    {
        this.withDemo = withDemo;
        this.realServer = realServer;
        OnPostgres = onPostgres;
        DataPath = Path.Combine(Path.GetTempPath(), "backlot-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataPath { get; }
    public TestClock Clock { get; } = new();
    public bool OnPostgres { get; }

    /// <summary>The database this site runs on, as settings: a second instance given them shares it.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings => postgresDatabase is not null
        ? new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = Postgres.ConnectionStringFor(postgresDatabase) }
        : new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = DataServices.SqliteConnectionString(new Backlot.Infrastructure.DataFolder(DataPath)) };

    /// <summary>Settings a test class adds on top (Site:OutputCache, say).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataPath);
        if (OnPostgres)
        {
            if (TestEnvironment.PostgresServer is null)
            {
                return; // the test says what is missing when it asks for PostgreSQL (TestEnvironment.RequirePostgres)
            }

            postgresDatabase = "backlot_test_" + Guid.NewGuid().ToString("N")[..12];
        }

        if (withDemo)
        {
            await DemoSite.CopyToAsync(DataPath, postgresDatabase);
        }
        else if (postgresDatabase is not null)
        {
            await Postgres.ExecuteAsync($"CREATE DATABASE {postgresDatabase}");
        }

        if (realServer)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            _ = Server; // start now, so a failing start fails here and not in the first test
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataPath", DataPath);
        builder.UseSetting("Demo:Enabled", "false"); // demo content comes from the template copy
        builder.UseSetting("Accounts:SignInAttemptsPerMinute", "1000"); // tests sign in many users from one address
        builder.UseSetting("Comments:PostsPerMinute", "100000"); // and post many comments from it
        if (postgresDatabase is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", Postgres.ConnectionStringFor(postgresDatabase));
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
        });
    }

    /// <summary>A scope over the site's services, for arranging data through the same classes editors use.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    public async Task WithDbAsync(Func<BacklotDb, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Scope();
        await work(scope.ServiceProvider.GetRequiredService<BacklotDb>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)");
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open is left for the OS to clean from the temp folder
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>
/// The in-memory server has no client address; a test names one in X-Test-Client-Address to play
/// several readers (rate limits, IP hashes, privacy checks). Only the test host adds this.
/// </summary>
internal sealed class ClientAddressFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>A site without demo content.</summary>
public sealed class EmptySiteFactory() : BacklotFactory(withDemo: false, realServer: false, TestEnvironment.AllOnPostgres);

/// <summary>The demo site on a real Kestrel port, for the browser.</summary>
public sealed class BrowserSiteFactory() : BacklotFactory(withDemo: true, realServer: true, TestEnvironment.AllOnPostgres);

/// <summary>The demo site on PostgreSQL whatever the run's provider: for the tests that prove PostgreSQL works.</summary>
public sealed class PostgresSiteFactory() : BacklotFactory(withDemo: true, realServer: false, onPostgres: true);
