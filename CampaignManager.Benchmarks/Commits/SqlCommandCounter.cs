using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CampaignManager.Benchmarks.Commits;

/// <summary>
/// Counts the SQL commands EF Core executes in this process and sums their time, from EF Core's
/// DiagnosticListener (no change to the app's own DbContext configuration).
/// </summary>
internal sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private long _commands;
    private long _ticks;

    public SqlCommandCounter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public long Commands => Interlocked.Read(ref _commands);

    public TimeSpan Time => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_listeners)
            {
                _listeners.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed)
        {
            Interlocked.Increment(ref _commands);
            Interlocked.Add(ref _ticks, executed.Duration.Ticks);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners)
        {
            _listeners.ForEach(l => l.Dispose());
        }
    }
}
