using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>Every log entry the site writes, so a test can say that nothing was logged as an error.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. entries];

    public IReadOnlyList<string> AtErrorOrAbove() =>
        [.. entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Level} {e.Category}: {e.Message}")];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name)));
            }
        }
    }
}
