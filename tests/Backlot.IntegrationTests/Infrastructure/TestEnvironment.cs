namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// What the machine offers the tests. A missing PostgreSQL or Chromium skips the tests that need
/// it, naming what is missing; in CI (CI=true) it fails them instead.
/// </summary>
public static class TestEnvironment
{
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Server-level connection string (no database) from BACKLOT_TEST_POSTGRES, or null when no server is offered.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("BACKLOT_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    /// <summary>BACKLOT_TEST_PROVIDER=Postgres runs every integration test on PostgreSQL; otherwise they run on SQLite files.</summary>
    public static bool AllOnPostgres => string.Equals(Environment.GetEnvironmentVariable("BACKLOT_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>A Redis server from BACKLOT_TEST_REDIS ("127.0.0.1:6379"), or null when none is offered.</summary>
    public static string? RedisServer => Environment.GetEnvironmentVariable("BACKLOT_TEST_REDIS") is { Length: > 0 } value ? value : null;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("BACKLOT_TEST_CHROMIUM") is { Length: > 0 } value ? value : "/usr/bin/chromium";

    /// <summary>The shared fixtures folder beside the repository (../shared/fixtures), or null when it is absent.</summary>
    public static string? SharedFixtures
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
            {
                dir = dir.Parent;
            }

            var fixtures = dir?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "fixtures") : null;
            return fixtures is not null && Directory.Exists(fixtures) ? fixtures : null;
        }
    }

    public static void RequireChromium()
    {
        if (!File.Exists(ChromiumPath))
        {
            Missing($"Chromium is not installed at {ChromiumPath} (apt-get install chromium)");
        }
    }

    public static string RequirePostgres() =>
        PostgresServer ?? Missing("PostgreSQL is not configured: set BACKLOT_TEST_POSTGRES to a server connection string");

    /// <summary>
    /// The folder of a node script under tests/ whose packages are installed (npm ci --prefix tests/&lt;folder&gt;),
    /// and node to run it.
    /// </summary>
    public static string RequireNodeScript(string folder, string package)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Backlot.slnx")))
        {
            dir = dir.Parent;
        }

        var scriptFolder = dir is null ? null : Path.Combine(dir.FullName, "tests", folder);
        if (scriptFolder is null || !Directory.Exists(Path.Combine(scriptFolder, "node_modules", package)))
        {
            return Missing($"The npm package {package} is not installed (npm ci --prefix tests/{folder})");
        }

        try
        {
            using var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            node!.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return Missing("node is not installed (apt-get install nodejs)");
        }

        return scriptFolder;
    }

    public static string RequireRedis() =>
        RedisServer ?? Missing("Redis is not configured: set BACKLOT_TEST_REDIS to a server (127.0.0.1:6379)");

    /// <summary>The redis-server program on the PATH, for tests that stop and restart a Redis of their own; null when absent.</summary>
    public static string? RedisServerProgram => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    public static string RequireRedisServerProgram() =>
        RedisServerProgram ?? Missing("redis-server is not installed (apt-get install redis-server)");

    private static string Missing(string what)
    {
        if (IsCI)
        {
            Assert.Fail($"{what}. CI=true, so this is a failure, not a skip.");
        }

        Assert.Skip(what);
        return "";
    }
}
