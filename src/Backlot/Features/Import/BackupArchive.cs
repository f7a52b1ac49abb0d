using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Backlot.Data;
using Backlot.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Backlot.Features.Import;

/// <summary>Raised when a backup cannot be made or restored; the message names the file or folder and says why.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a backup holds, read from its manifest.json.</summary>
public sealed record BackupManifest(string Format, int Version, DateTime CreatedAt, string Provider, string DatabaseEntry, int MediaFiles, int KeyFiles);

/// <summary>
/// Backs up and restores a whole site as one zip: a consistent database snapshot taken while the
/// site runs (SQLite's VACUUM INTO; pg_dump for PostgreSQL), the media and DataProtection keys, and
/// any JSON settings files at the root of the data folder. A restore goes only into an empty data
/// folder (and, for PostgreSQL, an empty database), and checks the archive before touching anything.
/// </summary>
public sealed class BackupArchive(BacklotDb db, DatabaseOptions database, DataFolder folder, TimeProvider clock)
{
    public const string Format = "backlot-backup";
    public const int Version = 1;
    private const string ManifestEntry = "manifest.json";
    private const string SqliteEntry = "database/backlot.db";
    private const string PostgresEntry = "database/backlot.pgdump";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<BackupManifest> CreateAsync(string zipPath, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(zipPath);
        var work = Directory.CreateTempSubdirectory("backlot-backup-").FullName;
        var partial = target + ".partial";
        try
        {
            var snapshot = Path.Combine(work, "snapshot");
            var entry = database.Provider == DatabaseProvider.Sqlite ? SqliteEntry : PostgresEntry;
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                await SnapshotSqliteAsync(snapshot, cancellationToken);
            }
            else
            {
                await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", snapshot], cancellationToken);
            }

            BackupManifest manifest;
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write))
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
                await zip.CreateEntryFromFileAsync(snapshot, entry, CompressionLevel.Optimal, cancellationToken);
                var media = await AddFolderAsync(zip, folder.MediaPath, "media", CompressionLevel.NoCompression, cancellationToken); // images are compressed already
                var keys = await AddFolderAsync(zip, folder.KeysPath, "keys", CompressionLevel.Optimal, cancellationToken);
                foreach (var settings in Directory.Exists(folder.Path) ? Directory.GetFiles(folder.Path, "*.json") : [])
                {
                    await zip.CreateEntryFromFileAsync(settings, "settings/" + Path.GetFileName(settings), CompressionLevel.Optimal, cancellationToken);
                }

                manifest = new BackupManifest(Format, Version, clock.GetUtcNow().UtcDateTime, database.Provider.ToString(), entry, media, keys);
                await using var manifestStream = await zip.CreateEntry(ManifestEntry).OpenAsync(cancellationToken);
                await JsonSerializer.SerializeAsync(manifestStream, manifest, Json, cancellationToken);
            }

            // Written beside the target and moved at the end: a failed backup never leaves a half zip under the chosen name.
            File.Move(partial, target, overwrite: true);
            return manifest;
        }
        finally
        {
            File.Delete(partial);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Checks that <paramref name="zipPath"/> is a Backlot backup and returns its manifest; changes nothing.</summary>
    public static BackupManifest Inspect(string zipPath)
    {
        if (!File.Exists(zipPath))
        {
            throw new BackupException($"{zipPath} does not exist.");
        }

        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var manifestEntry = zip.GetEntry(ManifestEntry) ?? throw new BackupException($"{zipPath} is not a Backlot backup: it has no {ManifestEntry}.");
            BackupManifest? manifest;
            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(stream, Json);
            }

            if (manifest is null || manifest.Format != Format)
            {
                throw new BackupException($"{zipPath} is not a Backlot backup: its manifest is not a \"{Format}\" manifest.");
            }

            if (manifest.Version > Version)
            {
                throw new BackupException($"{zipPath} is a version {manifest.Version} backup; this Backlot reads version {Version} and older.");
            }

            if (zip.GetEntry(manifest.DatabaseEntry) is null)
            {
                throw new BackupException($"{zipPath} is damaged: the database snapshot {manifest.DatabaseEntry} is missing.");
            }

            foreach (var entry in zip.Entries)
            {
                if (!IsSafeEntry(entry.FullName))
                {
                    throw new BackupException($"{zipPath} is not a Backlot backup: it holds the unexpected entry \"{entry.FullName}\".");
                }
            }

            return manifest;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or NotSupportedException)
        {
            throw new BackupException($"{zipPath} is not a Backlot backup: {e.Message}", e);
        }
    }

    /// <summary>Restores into the configured data folder, which must hold no files yet (and an empty PostgreSQL database).</summary>
    public async Task<BackupManifest> RestoreAsync(string zipPath, CancellationToken cancellationToken)
    {
        var manifest = Inspect(zipPath);
        var provider = Enum.Parse<DatabaseProvider>(manifest.Provider, ignoreCase: true);
        if (provider != database.Provider)
        {
            throw new BackupException($"{zipPath} holds a {manifest.Provider} database, but this site is configured for {database.Provider} (Database:Provider).");
        }

        if (Directory.Exists(folder.Path) && Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Any())
        {
            throw new BackupException($"The data folder {folder.Path} is not empty; restore into a new, empty folder (--data).");
        }

        if (provider == DatabaseProvider.Postgres && await PostgresHasTablesAsync(cancellationToken))
        {
            throw new BackupException("The PostgreSQL database in Database:ConnectionString is not empty; restore into a new, empty database.");
        }

        folder.EnsureCreated();
        using var zip = ZipFile.OpenRead(zipPath);
        foreach (var entry in zip.Entries.Where(e => e.FullName != ManifestEntry && !e.FullName.EndsWith('/')))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = entry.FullName switch
            {
                SqliteEntry => folder.DatabaseFile,
                PostgresEntry => Path.Combine(Path.GetTempPath(), $"backlot-restore-{Guid.NewGuid():N}.pgdump"),
                _ when entry.FullName.StartsWith("media/", StringComparison.Ordinal) => Inside(folder.MediaPath, entry.FullName["media/".Length..]),
                _ when entry.FullName.StartsWith("keys/", StringComparison.Ordinal) => Inside(folder.KeysPath, entry.FullName["keys/".Length..]),
                _ when entry.FullName.StartsWith("settings/", StringComparison.Ordinal) => Inside(folder.Path, entry.FullName["settings/".Length..]),
                _ => null,
            };
            if (destination is null)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await entry.ExtractToFileAsync(destination, overwrite: false, cancellationToken);
            if (entry.FullName == PostgresEntry)
            {
                try
                {
                    await RunPostgresToolAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", destination], cancellationToken);
                }
                finally
                {
                    File.Delete(destination);
                }
            }
        }

        return manifest;
    }

    private async Task SnapshotSqliteAsync(string snapshot, CancellationToken cancellationToken)
    {
        // VACUUM INTO writes a consistent copy from one read transaction: the site can keep writing meanwhile.
        var sql = "VACUUM INTO '" + snapshot.Replace("'", "''", StringComparison.Ordinal) + "'";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // the only input is a temporary path we made, quoted above
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new BackupException($"The database snapshot failed: {e.Message}", e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<bool> PostgresHasTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    /// <summary>Runs pg_dump or pg_restore against the configured database; the password goes through the environment, never the command line.</summary>
    private async Task RunPostgresToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--dbname=" + connection.Database);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"Backing up or restoring PostgreSQL needs {tool} (apt-get install postgresql-client); it was not found: {e.Message}", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {(await error).Trim()}");
            }
        }
    }

    private static async Task<int> AddFolderAsync(ZipArchive zip, string path, string prefix, CompressionLevel level, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(path))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                continue; // a file being written right now
            }

            var relative = Path.GetRelativePath(path, file).Replace(Path.DirectorySeparatorChar, '/');
            await zip.CreateEntryFromFileAsync(file, $"{prefix}/{relative}", level, cancellationToken);
            count++;
        }

        return count;
    }

    private static bool IsSafeEntry(string name) =>
        !name.StartsWith('/') && !name.Contains('\\', StringComparison.Ordinal) && !name.Split('/').Any(part => part == "..")
        && (name == ManifestEntry || name.StartsWith("database/", StringComparison.Ordinal) || name.StartsWith("media/", StringComparison.Ordinal)
            || name.StartsWith("keys/", StringComparison.Ordinal) || name.StartsWith("settings/", StringComparison.Ordinal));

    private static string Inside(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new BackupException($"The backup entry {relative} would be written outside {root}.");
    }
}
