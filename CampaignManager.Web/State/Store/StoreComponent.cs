using Microsoft.AspNetCore.Components;

namespace CampaignManager.Web.State.Store;

/// <summary>
/// Base for components that render store state (Fluxor's FluxorComponent, without reflection):
/// call <see cref="Use{TState}"/> in OnInitialized for each state the component reads. State
/// changes re-render through InvokeAsync, at most once per <see cref="ThrottleMilliseconds"/>, and
/// the subscriptions end with the component.
/// </summary>
public abstract class StoreComponent : ComponentBase, IDisposable
{
    private readonly List<Action> _unsubscribe = [];
    private long _lastRender;
    private int _renderQueued;

    /// <summary>Bursts of events (a replay after reconnect) render once instead of a hundred times.</summary>
    protected virtual int ThrottleMilliseconds => 30;

    protected IState<TState> Use<TState>(IState<TState> state)
    {
        state.StateChanged += OnStateChanged;
        _unsubscribe.Add(() => state.StateChanged -= OnStateChanged);
        return state;
    }

    private void OnStateChanged(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _renderQueued, 1) == 1)
        {
            return;
        }

        _ = RenderSoonAsync();
    }

    private async Task RenderSoonAsync()
    {
        var wait = ThrottleMilliseconds - (Environment.TickCount64 - Interlocked.Read(ref _lastRender));
        if (wait > 0)
        {
            await Task.Delay((int)wait);
        }

        Interlocked.Exchange(ref _renderQueued, 0);
        Interlocked.Exchange(ref _lastRender, Environment.TickCount64);
        try
        {
            await InvokeAsync(StateHasChanged);
        }
        catch (ObjectDisposedException)
        {
            // The circuit is gone.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    public void Dispose()
    {
        foreach (var unsubscribe in _unsubscribe)
        {
            unsubscribe();
        }

        _unsubscribe.Clear();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
