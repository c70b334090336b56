using Microsoft.Extensions.Logging;

namespace CampaignManager.Tests.TestSupport;

/// <summary>
/// A logger provider that keeps every formatted log line (level, category, message and exception)
/// from <paramref name="minimum"/> up: everything, to search for leaked secrets, or the warnings and
/// errors, so a failing test can say what went wrong on background threads.
/// </summary>
public sealed class CapturedLog(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    private readonly LogLevel _minimum = minimum;
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public override string ToString() => Lines.Count == 0 ? $"(nothing logged at {_minimum} or above)" : string.Join(Environment.NewLine, Lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= log._minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception)}");
            }
        }
    }
}
