using System.CommandLine;
using System.Text.Json;
using Backlot.Features.Import;
using Backlot.Infrastructure;
using Spectre.Console;

namespace Backlot.Cli;

/// <summary>`import wordpress`, `export wordpress|json`, `backup`, `restore`: thin shells over the Import feature's classes.</summary>
internal static class ContentCommands
{
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Import(CommandContext context)
    {
        var import = new Command("import", "Bring content in from another platform.");
        var wordpress = new Command("wordpress", "Import a WordPress export (Tools → Export → All content: a WXR 1.0–1.2 file). Importing the same file again updates instead of duplicating.");
        var file = new Argument<FileInfo>("file") { Description = "The WXR file WordPress exported." };
        var mediaDir = new Option<DirectoryInfo>("--media-dir") { Description = "A copy of the old site's wp-content/uploads: images are copied into the media library. Without it, images stay links to the old site." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and convert everything, report, and change nothing." };
        var force = new Option<bool>("--force") { Description = "Import a file whose <wp:wxr_version> is missing or invalid (refused otherwise, as WordPress does), read as the version its namespace names; the summary says so." };
        wordpress.Arguments.Add(file);
        wordpress.Options.Add(mediaDir);
        wordpress.Options.Add(dryRun);
        wordpress.Options.Add(force);
        wordpress.Options.Add(CommandContext.Json);
        wordpress.SetAction(async (parse, token) =>
        {
            var path = parse.GetRequiredValue(file).FullName;
            if (!File.Exists(path))
            {
                return await context.FailAsync($"{path} does not exist.", BacklotCommandLine.BadInput);
            }

            await using var app = await context.OpenSiteAsync(parse, prepareDatabase: true);
            if (app is null)
            {
                return BacklotCommandLine.Failed;
            }

            var json = parse.GetValue(CommandContext.Json);
            var options = new WordPressImportOptions { MediaDirectory = parse.GetValue(mediaDir)?.FullName, DryRun = parse.GetValue(dryRun), Force = parse.GetValue(force) };
            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
                var summary = await WithProgressAsync(context, json, progress => importer.ImportAsync(path, options, progress, token));
                if (json)
                {
                    await context.Output.WriteLineAsync(JsonSerializer.Serialize(summary, SummaryJson));
                }
                else
                {
                    PrintSummary(context.Console(false), summary);
                }

                return 0;
            }
            catch (WxrFormatException e)
            {
                return await context.FailAsync($"Nothing was imported: {e.Message}", BacklotCommandLine.BadInput);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return await context.FailAsync("Nothing was imported: the import was cancelled.");
            }
#pragma warning disable CA1031 // any other failure is reported as one line with the documented exit code, never as a crash with a stack trace
            catch (Exception e)
#pragma warning restore CA1031
            {
                return await context.FailAsync($"Nothing was imported: the import failed ({OneLine(e)}).");
            }
        });
        import.Subcommands.Add(wordpress);
        return import;
    }

    public static Command Export(CommandContext context)
    {
        var export = new Command("export", "Write the site's content to a file.");
        var wordpressFile = new Argument<FileInfo>("out.xml") { Description = "Where to write the WXR file." };
        var wordpress = new Command("wordpress", "Write a WordPress export (WXR 1.2) that WordPress's importer, and Backlot's, accept.");
        wordpress.Arguments.Add(wordpressFile);
        wordpress.Options.Add(CommandContext.Json);
        wordpress.SetAction((parse, token) => ExportAsync(context, parse, parse.GetRequiredValue(wordpressFile), (services, stream, name, progress) =>
            services.GetRequiredService<WordPressExporter>().WriteAsync(stream, name, progress, token)));
        export.Subcommands.Add(wordpress);

        var jsonFile = new Argument<FileInfo>("out.json") { Description = "Where to write the JSON file." };
        var json = new Command("json", "Write the whole content as JSON (format: docs/export-json.md). It includes commenters' emails: keep it private.");
        json.Arguments.Add(jsonFile);
        json.Options.Add(CommandContext.Json);
        json.SetAction((parse, token) => ExportAsync(context, parse, parse.GetRequiredValue(jsonFile), (services, stream, name, progress) =>
            services.GetRequiredService<JsonExporter>().WriteAsync(stream, name, progress, token)));
        export.Subcommands.Add(json);
        return export;
    }

    public static Command Backup(CommandContext context)
    {
        var file = new Argument<FileInfo>("out.zip") { Description = "Where to write the backup." };
        var backup = new Command("backup", "Back up the database (a consistent snapshot, safe while the site runs), media, keys and settings into one zip. PostgreSQL needs pg_dump.");
        backup.Arguments.Add(file);
        backup.Options.Add(CommandContext.Json);
        backup.SetAction(async (parse, token) =>
        {
            await using var app = await context.OpenSiteAsync(parse, prepareDatabase: true);
            if (app is null)
            {
                return BacklotCommandLine.Failed;
            }

            try
            {
                await using var scope = app.Services.CreateAsyncScope();
                var target = parse.GetRequiredValue(file).FullName;
                var manifest = await scope.ServiceProvider.GetRequiredService<BackupArchive>().CreateAsync(target, token);
                await PrintManifestAsync(context, parse, target, manifest, "Backed up");
                return 0;
            }
            catch (BackupException e)
            {
                return await context.FailAsync(e.Message);
            }
        });
        return backup;
    }

    public static Command Restore(CommandContext context)
    {
        var file = new Argument<FileInfo>("in.zip") { Description = "A backup made by `backlot backup`." };
        var restore = new Command("restore", "Restore a backup into an empty data folder (and, for PostgreSQL, an empty database). The archive is checked before anything is written.");
        restore.Arguments.Add(file);
        restore.Options.Add(CommandContext.Json);
        restore.SetAction(async (parse, token) =>
        {
            var source = parse.GetRequiredValue(file).FullName;
            try
            {
                BackupArchive.Inspect(source); // refuse a file that is not a backup before even opening the site
            }
            catch (BackupException e)
            {
                return await context.FailAsync(e.Message, BacklotCommandLine.BadInput);
            }

            await using var app = await context.OpenSiteAsync(parse, prepareDatabase: false);
            if (app is null)
            {
                return BacklotCommandLine.Failed;
            }

            try
            {
                BackupManifest manifest;
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    manifest = await scope.ServiceProvider.GetRequiredService<BackupArchive>().RestoreAsync(source, token);
                }

                // A backup from an older version is brought up to date.
                if (!await app.TryPrepareDatabaseAsync())
                {
                    return BacklotCommandLine.Failed;
                }

                await PrintManifestAsync(context, parse, source, manifest, "Restored");
                return 0;
            }
            catch (BackupException e)
            {
                return await context.FailAsync(e.Message);
            }
        });
        return restore;
    }

    private static async Task<int> ExportAsync(
        CommandContext context, ParseResult parse, FileInfo file, Func<IServiceProvider, Stream, string, IProgress<ImportProgress>, Task<ExportSummary>> write)
    {
        await using var app = await context.OpenSiteAsync(parse, prepareDatabase: true);
        if (app is null)
        {
            return BacklotCommandLine.Failed;
        }

        var json = parse.GetValue(CommandContext.Json);
        var partial = file.FullName + ".partial";
        try
        {
            ExportSummary summary;
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                summary = await WithProgressAsync(context, json, progress => write(scope.ServiceProvider, stream, file.FullName, progress));
            }

            File.Move(partial, file.FullName, overwrite: true);
            if (json)
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(summary, SummaryJson));
            }
            else
            {
                var table = new Table().AddColumns("Exported", "Count");
                table.AddRow("Articles", $"{summary.Articles:N0}").AddRow("List items", $"{summary.Items:N0}").AddRow("Comments", $"{summary.Comments:N0}")
                    .AddRow("Authors", $"{summary.Authors:N0}").AddRow("Categories", $"{summary.Categories:N0}").AddRow("Tags", $"{summary.Tags:N0}");
                var console = context.Console(false);
                console.Write(table);
                console.MarkupLineInterpolated($"Wrote [bold]{file.FullName}[/] in {summary.Seconds:F1} s.");
            }

            return 0;
        }
        catch (IOException e)
        {
            return await context.FailAsync($"Could not write {file.FullName}: {e.Message}");
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Runs long work under a Spectre progress bar (none with --json, whose output is for scripts).</summary>
    private static async Task<T> WithProgressAsync<T>(CommandContext context, bool json, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (json)
        {
            return await work(new Reporter(_ => { }));
        }

        var console = context.Console(false);
        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = await work(new Reporter(report =>
                {
                    if (!tasks.TryGetValue(report.Stage, out var task))
                    {
                        task = progress.AddTask(report.Stage, maxValue: Math.Max(1, report.Total));
                        tasks[report.Stage] = task;
                    }

                    task.MaxValue = Math.Max(1, report.Total);
                    task.Value = report.Done;
                }));
                foreach (var task in tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            });
        return result;
    }

    /// <summary>The innermost message (the database's own, for a failed save), on one line.</summary>
    private static string OneLine(Exception e)
    {
        var message = e.GetBaseException().Message;
        var line = message.Split('\n', 2)[0].Trim();
        return $"{e.GetBaseException().GetType().Name}: {line}";
    }

    private static void PrintSummary(IAnsiConsole console, ImportSummary summary)
    {
        var table = new Table().AddColumns(summary.DryRun ? "Would import (dry run)" : "Imported", "Count");
        table.AddRow("Posts", $"{summary.Posts:N0}").AddRow("Pages", $"{summary.Pages:N0}")
            .AddRow("  new / updated", $"{summary.Created:N0} / {summary.Updated:N0}")
            .AddRow("  recognised as listicles", $"{summary.Listicles:N0}")
            .AddRow("Comments", $"{summary.Comments:N0}").AddRow("Authors", $"{summary.Authors:N0}")
            .AddRow(Markup.Escape(summary.FallbackAuthor is null ? "  posts without an author" : $"  posts without an author (now by {summary.FallbackAuthor})"), $"{summary.PostsWithoutAuthor:N0}")
            .AddRow("Categories", $"{summary.Categories:N0}").AddRow("Tags", $"{summary.Tags:N0}")
            .AddRow("Attachments", $"{summary.Attachments:N0}").AddRow("  images copied", $"{summary.MediaCopied:N0}")
            .AddRow("Redirects from old URLs", $"{summary.Redirects:N0}");
        foreach (var (kind, count) in summary.Skipped)
        {
            table.AddRow(Markup.Escape($"Skipped: {kind}"), $"{count:N0}");
        }

        console.Write(table);
        const int shown = 20;
        if (summary.Warnings.Count > 0)
        {
            console.MarkupLineInterpolated($"[yellow]{summary.Warnings.Count} warning(s):[/]");
            foreach (var warning in summary.Warnings.Take(shown))
            {
                console.MarkupLineInterpolated($"  [yellow]•[/] {warning}");
            }

            if (summary.Warnings.Count > shown)
            {
                console.MarkupLineInterpolated($"  … and {summary.Warnings.Count - shown} more (--json lists them all)");
            }
        }

        console.MarkupLineInterpolated($"{(summary.DryRun ? "Dry run: nothing was changed" : "Done")} in {summary.Seconds:F1} s (WXR {summary.WxrVersion}).");
    }

    private static async Task PrintManifestAsync(CommandContext context, ParseResult parse, string file, BackupManifest manifest, string verb)
    {
        if (parse.GetValue(CommandContext.Json))
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(new { file, manifest }, SummaryJson));
            return;
        }

        context.Console(false).MarkupLineInterpolated(
            $"{verb} [bold]{file}[/]: {manifest.Provider} database, {manifest.MediaFiles:N0} media files, {manifest.KeyFiles:N0} key files (made {manifest.CreatedAt:u}).");
    }

    /// <summary>Reports on the calling thread: Progress&lt;T&gt; would post to the thread pool and could report after the bar is gone.</summary>
    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
