namespace CampaignManager.Web.Realtime.Users;

/// <summary>
/// Something on this instance that reacts to a user's session changes besides the open circuits,
/// e.g. closing the user's hub connections. Register implementations as singletons
/// (<c>services.AddSingleton&lt;IUserSessionHandler, MyHandler&gt;()</c>); each message that reaches
/// this instance is handed to every one of them once.
/// <para>
/// An instance hears a user's channel only while something local listens to it
/// (<see cref="UserSessionEvents.ListenAsync"/>): a circuit does so for its whole life, so a handler
/// that must hear users without circuits (hub clients) should listen for them too.
/// </para>
/// </summary>
public interface IUserSessionHandler
{
    ValueTask HandleAsync(UserSessionMessage message, CancellationToken ct);
}
