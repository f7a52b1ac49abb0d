using System.Diagnostics;

namespace Backlot.Infrastructure.Telemetry;

/// <summary>
/// The logging scope provider, with the instance name and role as the outermost scope of every
/// log entry: every scope-aware provider (console with scopes, JSON console, OpenTelemetry) writes
/// them without a scope being opened per request. Replacing the framework's scope provider, it
/// also writes the current activity's SpanId, TraceId and ParentId, as the framework's does by default.
/// </summary>
internal sealed class InstanceLogScope(InstanceIdentity identity) : IExternalScopeProvider
{
    private readonly LoggerExternalScopeProvider scopes = new();
    private readonly InstanceScopeState instance = new(identity);

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        callback(instance, state);
        if (Activity.Current is { } activity)
        {
            callback(new ActivityScopeState(activity), state);
        }

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

    private sealed class ActivityScopeState(Activity activity) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 3;

        private string? SpanId => activity.IdFormat == ActivityIdFormat.W3C ? activity.SpanId.ToHexString() : activity.Id;

        private string? TraceId => activity.IdFormat == ActivityIdFormat.W3C ? activity.TraceId.ToHexString() : activity.RootId;

        private string? ParentId => activity.IdFormat == ActivityIdFormat.W3C ? activity.ParentSpanId.ToHexString() : activity.ParentId;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("SpanId", SpanId),
            1 => new("TraceId", TraceId),
            2 => new("ParentId", ParentId),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"SpanId:{SpanId}, TraceId:{TraceId}, ParentId:{ParentId}";
    }
}
