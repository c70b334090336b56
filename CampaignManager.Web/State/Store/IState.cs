namespace CampaignManager.Web.State.Store;

/// <summary>Fluxor's IState: the current value of one feature and a notification when it changes.</summary>
public interface IState<out TState>
{
    TState Value { get; }

    /// <summary>Raised on the dispatch loop after a reducer produced a value that is not equal to the previous one.</summary>
    event EventHandler? StateChanged;
}
