using CampaignManager.Benchmarks.Servers;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// What the hub clients connect to and where the events come from: the real app (<see cref="AppTarget"/>)
/// or the bare SignalR hub (<see cref="BareTarget"/>), two server processes each.
/// </summary>
internal abstract class HubTarget(string name, ServerProcess[] servers)
{
    /// <summary>"app" or "baseline", as printed in the tables.</summary>
    public string Name { get; } = name;

    public IReadOnlyList<ServerProcess> Servers { get; } = servers;

    /// <summary>The campaign every client subscribes to.</summary>
    public abstract string CampaignId { get; }

    /// <summary>The streams clients receive (one event of each per write).</summary>
    public abstract IReadOnlyList<string> Audiences { get; }

    public abstract string HubUrl(int instance);

    /// <summary>The arguments of <c>subscribe_campaign</c> (SignalR passes every parameter, optional ones too).</summary>
    public virtual object?[] SubscribeArguments => [CampaignId];

    /// <summary>The stream and the bearer token (if any) of the client with this index.</summary>
    public abstract (string Audience, string? Token) Credentials(int client);

    /// <summary>One write on the first instance; returns when the server answered.</summary>
    public abstract Task CommitAsync(CancellationToken ct);

    /// <summary>The last sequence of <paramref name="audience"/>'s stream the first server stamped.</summary>
    public long CurrentSequence(string audience) =>
        Servers[0].Commits.Keys.Where(k => k.Audience == audience).Select(k => k.Sequence).DefaultIfEmpty(0).Max();
}
