namespace CampaignManager.Web.Realtime;

/// <summary>The notifier could not publish (the broker is unreachable); the event log still holds the event.</summary>
public sealed class NotifierUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
