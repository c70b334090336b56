using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.Realtime.Sessions;

/// <summary>
/// A logger provider that keeps every warning and error of the container (category, message and
/// exception), so a failing session test can say what went wrong on the background threads.
/// </summary>
public sealed class ProblemLog : ILoggerProvider
{
    private readonly List<string> _entries = [];

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public override string ToString() => Entries.Count == 0 ? "(no warnings or errors logged)" : string.Join(Environment.NewLine, Entries);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    private sealed class Logger(ProblemLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception)}");
            }
        }
    }
}
