using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>Starts the circuit's <see cref="CircuitSessionListener"/> when the circuit opens (its user is known by then) and stops it when it closes.</summary>
public sealed class UserSessionCircuitHandler(CircuitSessionListener listener) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        StartListeningAsync(cancellationToken);

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        listener.OnConnectionUp();
        // A first attempt cut short (the connection dropped while the circuit opened) is made again here.
        await StartListeningAsync(cancellationToken);
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        await listener.DisposeAsync();

    private async Task StartListeningAsync(CancellationToken cancellationToken)
    {
        try
        {
            await listener.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection went away while subscribing; the next connection-up tries again.
        }
    }
}
