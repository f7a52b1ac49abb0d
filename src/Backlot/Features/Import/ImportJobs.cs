using System.Collections.Concurrent;
using System.Threading.Channels;
using Backlot.Infrastructure;

namespace Backlot.Features.Import;

public enum ImportJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>A WordPress import started from the admin: its upload, where it is, and how it ended.</summary>
public sealed class ImportJob
{
    public required Guid Id { get; init; }
    public required string FileName { get; init; }
    public required long Bytes { get; init; }
    public required bool DryRun { get; init; }
    public required string StartedBy { get; init; }
    public required DateTime QueuedAt { get; init; }
    /// <summary>Where the upload is stored on the server while it waits and runs; never shown.</summary>
    public required string UploadPath { get; init; }

    public ImportJobState State { get; internal set; }
    public ImportProgress? Progress { get; internal set; }
    public ImportSummary? Summary { get; internal set; }
    public string? Error { get; internal set; }
    public DateTime? FinishedAt { get; internal set; }

    public bool IsFinished => State is ImportJobState.Succeeded or ImportJobState.Failed;
}

/// <summary>
/// Runs admin imports in the background, one at a time, so an upload returns at once and the page
/// shows progress. The upload is written to the data folder first (the importer reads a file twice)
/// and deleted when its import ends. Jobs are remembered in memory: after a restart the history is
/// gone, but an import is one transaction, so an interrupted one left nothing half-done and can be run again.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, DataFolder folder, TimeProvider clock, ILogger<ImportJobs> log) : BackgroundService
{
    private const int Remembered = 20;
    private readonly ConcurrentDictionary<Guid, ImportJob> jobs = new();
    private readonly Channel<ImportJob> queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });

    public IReadOnlyList<ImportJob> Recent => [.. jobs.Values.OrderByDescending(j => j.QueuedAt)];

    public ImportJob? Find(Guid id) => jobs.GetValueOrDefault(id);

    /// <summary>Stores the upload and queues its import.</summary>
    public async Task<ImportJob> EnqueueAsync(Stream upload, string fileName, bool dryRun, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var id = Guid.NewGuid();
        var directory = Path.Combine(folder.Path, "imports");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id:N}.xml");

        // Written under a temporary name and moved into place: a full disk or a broken upload leaves no partial file.
        var partial = path + ".part";
        long bytes;
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await upload.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                bytes = file.Length;
            }

            File.Move(partial, path);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        var job = new ImportJob
        {
            Id = id,
            FileName = Path.GetFileName(fileName),
            Bytes = bytes,
            DryRun = dryRun,
            StartedBy = startedBy,
            QueuedAt = clock.GetUtcNow().UtcDateTime,
            UploadPath = path,
        };
        jobs[id] = job;
        Forget();
        await queue.Writer.WriteAsync(job, cancellationToken);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            job.State = ImportJobState.Running;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
                job.Summary = await importer.ImportAsync(job.UploadPath, new WordPressImportOptions { DryRun = job.DryRun }, new JobProgress(job), stoppingToken);
                job.State = ImportJobState.Succeeded;
            }
            catch (WxrFormatException e)
            {
                job.Error = e.Message.Replace(job.UploadPath, job.FileName, StringComparison.Ordinal);
                job.State = ImportJobState.Failed;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Error = "The site stopped during the import; nothing was imported. Upload the file again.";
                job.State = ImportJobState.Failed;
                throw;
            }
#pragma warning disable CA1031 // a failed import must be reported on its page, whatever the cause, and the next one must still run
            catch (Exception e)
#pragma warning restore CA1031
            {
                log.LogError(e, "Import of {File} failed", job.FileName);
                job.Error = "The import failed unexpectedly and nothing was imported. The site's log has the details.";
                job.State = ImportJobState.Failed;
            }
            finally
            {
                job.FinishedAt = clock.GetUtcNow().UtcDateTime;
                File.Delete(job.UploadPath);
            }
        }
    }

    private void Forget()
    {
        foreach (var old in jobs.Values.Where(j => j.IsFinished).OrderByDescending(j => j.QueuedAt).Skip(Remembered))
        {
            jobs.TryRemove(old.Id, out _);
        }
    }

    /// <summary>Reports straight onto the job (no synchronisation context to post to): the page reads the latest.</summary>
    private sealed class JobProgress(ImportJob job) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => job.Progress = value;
    }
}
