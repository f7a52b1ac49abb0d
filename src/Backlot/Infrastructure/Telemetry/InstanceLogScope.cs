namespace Backlot.Infrastructure.Telemetry;

/// <summary>
/// The logging scope provider, with the instance name and role as the outermost scope of every
/// log entry: every scope-aware provider (console with scopes, JSON console, OpenTelemetry) writes
/// them without a scope being opened per request.
/// </summary>
internal sealed class InstanceLogScope(InstanceIdentity identity) : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider scopes = new();
    private readonly InstanceScopeState instance = new(identity);

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        callback(instance, state);
        scopes.ForEachScope(callback, state);
    }

    public IDisposable Push(object? state) => scopes.Push(state);

    /// <summary>Structured (InstanceName, Role) for providers that read properties; one short line for those that print it.</summary>
    private sealed class InstanceScopeState(InstanceIdentity identity) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] properties = [new("InstanceName", identity.Name), new("Role", identity.Role)];
        private readonly string text = $"instance {identity.Name} role {identity.Role}";

        public int Count => properties.Length;

        public KeyValuePair<string, object?> this[int index] => properties[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)properties).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => text;
    }
}
