using CampaignManager.Web.Realtime;

namespace CampaignManager.Tests.Realtime;

/// <summary>Collects delivered messages (thread-safe) and waits, bounded, until enough arrived.</summary>
public sealed class MessageCollector
{
    private readonly List<CampaignEventMessage> _messages = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<CampaignEventMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<long> Sequences => [.. Messages.Select(m => m.Sequence)];

    /// <summary>Suits <c>deliver</c> and notifier handlers.</summary>
    public ValueTask Add(CampaignEventMessage message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the messages so far; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<CampaignEventMessage>, bool> predicate, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (predicate(_messages))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Not delivered within {timeout.TotalSeconds} s; got sequences [{string.Join(", ", Sequences)}].");
            }
        }
    }

    public Task WaitForCountAsync(int count, TimeSpan timeout, CancellationToken ct) =>
        WaitUntilAsync(m => m.Count >= count, timeout, ct);
}
