using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Backlot.Infrastructure;

/// <summary>
/// Readiness of the data folder and its media folder: writes, flushes and deletes a small probe
/// file in each, so a full, read-only or replaced folder makes /readyz fail, naming the folder.
/// </summary>
internal sealed class DataFolderWritableCheck(DataFolder folder) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        List<string> failures = [];
        foreach (var path in (string[])[folder.Path, folder.MediaPath])
        {
            var probe = Path.Combine(path, $".ready-{Guid.NewGuid():N}.tmp");
            try
            {
                await using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
                {
                    await file.WriteAsync("ready"u8.ToArray(), cancellationToken);
                    await file.FlushAsync(cancellationToken);
                }

                File.Delete(probe);
            }
            catch (Exception e) when (StorageFailures.IsStorageFailure(e))
            {
                failures.Add($"{path} is not writable: {e.Message}");
                TryDelete(probe);
            }
        }

        return failures.Count == 0
            ? HealthCheckResult.Healthy($"{folder.Path} is writable")
            : HealthCheckResult.Unhealthy(string.Join("; ", failures));
    }

    private static void TryDelete(string probe)
    {
        try
        {
            File.Delete(probe);
        }
        catch (IOException)
        {
            // the folder that refused the probe may refuse its removal too; there is nothing in it to keep
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
