using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CampaignManager.Web.Realtime.Users;

/// <summary>Starts the circuit's <see cref="CircuitSessionListener"/> when the circuit opens (its user is known by then) and stops it when it closes.</summary>
public sealed class UserSessionCircuitHandler(CircuitSessionListener listener) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        listener.StartAsync(cancellationToken);

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        listener.OnConnectionUp();
        return Task.CompletedTask;
    }

    public override async Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) =>
        await listener.DisposeAsync();
}
