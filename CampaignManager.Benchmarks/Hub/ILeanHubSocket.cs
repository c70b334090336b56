using System.Text.Json;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>A load client's connection that speaks SignalR's JSON hub protocol itself (<see cref="RawHubSocket"/>, <see cref="EpollHubSocket"/>).</summary>
internal interface ILeanHubSocket : IAsyncDisposable
{
    /// <summary>The reason the server gave for closing, if it did.</summary>
    string? CloseReason { get; }

    /// <summary>Invokes a hub method and returns its result (one invocation at a time).</summary>
    Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct);
}
