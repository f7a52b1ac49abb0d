namespace Backlot.Features.Discovery;

/// <summary>
/// Drains <see cref="StaleRelatedStories"/> in the background, a batch at a time: woken when this
/// instance marks articles stale, and every few seconds for marks made by other instances or left
/// by a restart. Claims are atomic (see <see cref="RelatedStories.RefreshStaleAsync"/>), so several
/// instances share the queue without computing an article twice at once.
/// </summary>
public sealed class RelatedRefresher(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<RelatedRefresher> log) : BackgroundService
{
    private const int BatchSize = 20;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim signal = new(0, 1);

    /// <summary>How long a claim lasts (Discovery:RelatedClaimLease, default <see cref="RelatedStories.ClaimLease"/>): how soon a killed worker's batch is retaken.</summary>
    private readonly TimeSpan lease = configuration.GetValue<TimeSpan?>("Discovery:RelatedClaimLease") ?? RelatedStories.ClaimLease;

    /// <summary>One drain at a time in this instance, so <see cref="DrainAsync"/> also waits for a batch in flight.</summary>
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Asks the worker to look at the queue now rather than at its next poll.</summary>
    public void Wake()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    /// <summary>
    /// Computes every stale article this instance can claim, returning when none is left (rows
    /// another instance holds are its to finish). Tests call it to wait for the queue, never sleeping.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<RelatedStories>().RefreshStaleAsync(BatchSize, cancellationToken, lease) == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await DrainAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Refreshing stale related stories failed; retrying in {Poll}", Poll);
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        signal.Dispose();
        gate.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
