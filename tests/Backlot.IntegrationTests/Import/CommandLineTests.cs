using System.Text.Json;
using Backlot.Cli;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Backlot.IntegrationTests.Import;

/// <summary>
/// `backlot` commands run in this process. Each builds a host, which WebApplicationFactory's start-up
/// hook would notice in parallel tests, so these run on their own.
/// </summary>
[CollectionDefinition(nameof(CommandLineTests), DisableParallelization = true)]
public sealed class CommandLineCollection;

[Collection(nameof(CommandLineTests))]
public sealed class CommandLineTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "backlot-tests", "cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Help_lists_the_commands_and_exits_with_zero()
    {
        var (code, output, _) = await RunAsync("--help");

        Assert.Equal(0, code);
        foreach (var command in (string[])["serve", "migrate", "import", "export", "backup", "restore", "user", "push"])
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }

        var (importCode, importHelp, _) = await RunAsync("import", "wordpress", "--help");
        Assert.Equal(0, importCode);
        Assert.Contains("--media-dir", importHelp, StringComparison.Ordinal);
        Assert.Contains("--dry-run", importHelp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_add_creates_an_account_and_refuses_an_unknown_role()
    {
        var data = Directory.CreateTempSubdirectory("backlot-cli-user-").FullName;

        var (code, output, _) = await RunAsync("user", "add", "--email", "ops@example.test", "--role", "Editor", "--password", "a long enough password", "--data", data);
        var (badCode, _, badError) = await RunAsync("user", "add", "--email", "x@example.test", "--role", "Emperor", "--data", data);

        Assert.Equal(0, code);
        Assert.Contains("ops@example.test", output, StringComparison.Ordinal);
        Assert.Equal(BacklotCommandLine.BadInput, badCode);
        Assert.Contains("Unknown role", badError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_keys_shows_the_same_public_key_until_rotated()
    {
        var data = Directory.CreateTempSubdirectory("backlot-cli-keys-").FullName;

        var first = (await RunAsync("push", "keys", "--data", data)).Output.Trim();
        var second = (await RunAsync("push", "keys", "--data", data)).Output.Trim();
        var (rotateCode, rotated, warning) = await RunAsync("push", "keys", "--rotate", "--data", data);

        Assert.Equal(87, first.Length); // an uncompressed P-256 point, base64url
        Assert.Equal(first, second);
        Assert.Equal(0, rotateCode);
        Assert.NotEqual(first, rotated.Trim());
        Assert.Contains("Warning", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_before_the_command_run_the_command_instead_of_serving()
    {
        var run = RunAsync("--data", data, "user", "add", "--email", "first@example.test", "--password", "a long enough password");

        // Before the command was looked for past the first argument, this started a web server that never returned.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken));
        Assert.True(finished == run, "`backlot --data DIR user add …` served the site instead of adding the account");
        var (code, output, error) = await run;
        Assert.True(code == 0, error);
        Assert.Contains("first@example.test", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data, "backlot.db")));
    }

    [Fact]
    public async Task A_word_that_is_no_command_is_refused_and_nothing_serves()
    {
        var (code, _, error) = await RunAsync("--data", data, "usr", "add", "--email", "x@example.test");
        var (optionCode, _, optionError) = await RunAsync("-x", "user", "add");

        Assert.Equal(BacklotCommandLine.Usage, code);
        Assert.Contains("'usr' is not a command", error, StringComparison.Ordinal);
        Assert.Equal(BacklotCommandLine.Usage, optionCode);
        Assert.Contains("Unknown option -x", optionError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Every_command_takes_the_servers_database_settings_before_or_after_it()
    {
        // The database named by --Database:… settings, not the data folder's default one.
        string[] database;
        string? postgres = null;
        if (TestEnvironment.AllOnPostgres)
        {
            postgres = "backlot_test_cli_" + Guid.NewGuid().ToString("N")[..12];
            await Postgres.ExecuteAsync($"CREATE DATABASE {postgres}");
            database = ["--Database:Provider=Postgres", $"--Database:ConnectionString={Postgres.ConnectionStringFor(postgres)}"];
        }
        else
        {
            var elsewhere = Directory.CreateDirectory(data + "-elsewhere").FullName;
            database = ["--Database:Provider", "Sqlite", $"--Database:ConnectionString=Data Source={Path.Combine(elsewhere, "cluster.db")}"];
        }

        try
        {
            var (migrate, _, migrateError) = await RunAsync([.. database, "migrate", "--data", data]);
            Assert.True(migrate == 0, migrateError);
            var (add, _, addError) = await RunAsync(["user", "add", "--email", "ops@example.test", "--password", "a long enough password", "--data", data, .. database]);
            Assert.True(add == 0, addError);
            var (keys, keysOutput, keysError) = await RunAsync(["push", database[0], .. database[1..], "keys", "--data", data]);
            Assert.True(keys == 0, keysError);
            Assert.Equal(87, keysOutput.Trim().Length);

            Assert.False(File.Exists(Path.Combine(data, "backlot.db")), "the command used the data folder's database, not the one its settings named");
            var (again, _, againError) = await RunAsync(["user", "add", "--email", "ops@example.test", "--password", "a long enough password", "--data", data, .. database]);
            Assert.NotEqual(0, again);
            Assert.Contains("ops@example.test", againError, StringComparison.Ordinal);
        }
        finally
        {
            if (postgres is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await Postgres.ExecuteAsync($"DROP DATABASE IF EXISTS {postgres} WITH (FORCE)");
            }
        }
    }

    [Fact]
    public async Task An_unknown_option_is_an_error_with_a_non_zero_exit()
    {
        var (code, _, error) = await RunAsync("import", "wordpress", "x.xml", "--no-such-option");

        Assert.NotEqual(0, code);
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_malformed_file_fails_naming_line_and_column()
    {
        var file = ImportFixtures.Require("wxr/malformed-simple.xml");

        var (code, _, error) = await RunAsync("import", "wordpress", file, "--data", data);

        Assert.Equal(BacklotCommandLine.BadInput, code);
        Assert.Matches(@"Nothing was imported: .*malformed-simple\.xml is not well-formed XML at line \d+, column \d+", error);
    }

    [Fact]
    public async Task Posts_without_an_author_import_from_the_command_line_in_a_dry_run_and_for_real()
    {
        var file = ImportFixtures.Own("posts-without-author.xml");

        var (dryCode, dryOutput, dryError) = await RunAsync("import", "wordpress", file, "--data", data, "--dry-run");
        var (code, output, error) = await RunAsync("import", "wordpress", file, "--data", data, "--json");

        Assert.True(dryCode == 0, dryError);
        Assert.Contains("posts without an author (now by Night Shift Reviews)", dryOutput, StringComparison.Ordinal);
        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(output);
        Assert.Equal(3, summary.RootElement.GetProperty("created").GetInt32());
        Assert.Equal(2, summary.RootElement.GetProperty("postsWithoutAuthor").GetInt32());
        Assert.Equal("Night Shift Reviews", summary.RootElement.GetProperty("fallbackAuthor").GetString());
        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "backlot.db")}");
        await db.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Articles";
        Assert.Equal(3L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unexpected_failure_during_an_import_ends_with_exit_code_1_and_one_line_saying_why()
    {
        Assert.Equal(0, (await RunAsync("migrate", "--data", data)).Code);
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "backlot.db")}"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var trigger = db.CreateCommand();
            trigger.CommandText = "CREATE TRIGGER refuse_articles BEFORE INSERT ON Articles BEGIN SELECT RAISE(ABORT, 'the disk says no'); END;";
            await trigger.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (code, output, error) = await RunAsync("import", "wordpress", ImportFixtures.Own("site-a.xml"), "--data", data, "--json");

        Assert.Equal(BacklotCommandLine.Failed, code);
        Assert.Equal("", output);
        Assert.Equal("Nothing was imported: the import failed (SqliteException: SQLite Error 19: 'the disk says no'.).", error.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_file_without_a_wxr_version_is_refused_in_one_line_unless_forced()
    {
        var file = ImportFixtures.Own("missing-wxr-version.xml");

        var (code, _, error) = await RunAsync("import", "wordpress", file, "--data", data);
        var (forcedCode, forcedOutput, forcedError) = await RunAsync("import", "wordpress", file, "--data", data, "--force", "--json");

        Assert.Equal(BacklotCommandLine.BadInput, code);
        Assert.Matches(@"^Nothing was imported: .*missing-wxr-version\.xml is refused: <wp:wxr_version> is missing\. .*--force\.\r?\n$", error);
        Assert.True(forcedCode == 0, forcedError);
        using var summary = JsonDocument.Parse(forcedOutput);
        Assert.Equal("1.2", summary.RootElement.GetProperty("wxrVersion").GetString());
        Assert.Contains(summary.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString() == "<wp:wxr_version> is missing: read as WXR 1.2, as --force asked");
    }

    [Fact]
    public async Task Import_export_backup_and_restore_run_end_to_end_from_the_command_line()
    {
        var file = ImportFixtures.Require("wxr/wxr-simple.xml");
        var expected = WordPressImportTests.Count(System.Xml.Linq.XDocument.Load(file));

        var (code, output, error) = await RunAsync("import", "wordpress", file, "--data", data, "--json");
        Assert.True(code == 0, error);
        using (var summary = JsonDocument.Parse(output))
        {
            Assert.Equal(expected.Posts, summary.RootElement.GetProperty("posts").GetInt32());
        }

        var json = Path.Combine(data, "..", Path.GetFileName(data) + "-export.json");
        Assert.Equal(0, (await RunAsync("export", "json", json, "--data", data)).Code);
        Assert.Contains("\"backlot-content\"", await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var wxr = Path.Combine(data, "..", Path.GetFileName(data) + "-export.xml");
        Assert.Equal(0, (await RunAsync("export", "wordpress", wxr, "--data", data)).Code);

        var zip = Path.Combine(data, "..", Path.GetFileName(data) + "-backup.zip");
        Assert.Equal(0, (await RunAsync("backup", zip, "--data", data)).Code);
        var restored = data + "-restored";
        var (restoreCode, restoreOutput, restoreError) = await RunAsync("restore", zip, "--data", restored, "--json");
        Assert.True(restoreCode == 0, restoreError);
        Assert.Contains("backlot-backup", restoreOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(restored, "backlot.db")));

        var (again, _, againError) = await RunAsync("restore", zip, "--data", restored);
        Assert.Equal(BacklotCommandLine.Failed, again);
        Assert.Contains("is not empty", againError, StringComparison.Ordinal);

        var (notBackup, _, notBackupError) = await RunAsync("restore", json, "--data", data + "-other");
        Assert.Equal(BacklotCommandLine.BadInput, notBackup);
        Assert.Contains("is not a Backlot backup", notBackupError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data + "-other"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in Directory.GetFileSystemEntries(Path.GetDirectoryName(data)!, Path.GetFileName(data) + "*"))
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BacklotCommandLine.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
