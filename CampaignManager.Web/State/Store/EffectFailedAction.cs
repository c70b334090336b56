namespace CampaignManager.Web.State.Store;

/// <summary>An effect threw: errors become actions (and a log line) instead of tearing down the circuit.</summary>
public sealed record EffectFailedAction(object Action, Type EffectType, Exception Exception);
