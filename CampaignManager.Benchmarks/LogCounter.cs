using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignManager.Benchmarks;

/// <summary>Counts what both app instances log at Warning and above, by category (a clean run logs nothing).</summary>
internal sealed class LogCounter : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CountingLogger(LogCounter owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._counts.AddOrUpdate($"{logLevel} {category}", 1, (_, n) => n + 1);
            }
        }
    }
}
