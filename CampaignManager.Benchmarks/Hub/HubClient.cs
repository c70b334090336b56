using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// One hub connection of the load client (WebSockets, no negotiation): subscribed to the campaign,
/// it stamps every <c>settlement_updated</c> with <see cref="Stopwatch.GetTimestamp"/> the moment its
/// handler runs, by the event's <c>sequence</c>. SignalR runs one connection's handlers one at a time,
/// so the counters need no locks.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    public const string EventName = "settlement_updated";

    private readonly long[] _receivedAt;
    private readonly Action _onReceived;
    private long _last;

    private HubClient(HubConnection connection, int instance, string audience, int capacity, Action onReceived)
    {
        Connection = connection;
        Instance = instance;
        Audience = audience;
        _receivedAt = new long[capacity];
        _onReceived = onReceived;
    }

    public HubConnection Connection { get; }

    /// <summary>0 or 1: the server it is connected to.</summary>
    public int Instance { get; }

    /// <summary>The stream it receives: GameMasters or Everyone.</summary>
    public string Audience { get; }

    /// <summary>The stream's sequence when it subscribed: it expects every later one.</summary>
    public long BaseSequence { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>When set, the JSON of the last event is kept in <see cref="LastEnvelopeJson"/> (for <see cref="SendCost"/>).</summary>
    public bool KeepEnvelope { get; set; }

    public string? LastEnvelopeJson { get; private set; }

    public int OutOfOrder { get; private set; }

    /// <summary>Events outside what it can expect (before its base, or past its capacity).</summary>
    public int Unexpected { get; private set; }

    public static async Task<HubClient> ConnectAsync(HubTarget target, int instance, string audience, string? token, int capacity,
        Action onReceived, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(target.HubUrl(instance), HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        var client = new HubClient(connection, instance, audience, capacity, onReceived);
        connection.On<JsonElement>(EventName, client.OnEvent);
        try
        {
            await connection.StartAsync(ct);
            var result = await connection.InvokeCoreAsync<JsonElement>("subscribe_campaign", target.SubscribeArguments, ct);
            if (!result.TryGetProperty("success", out var success) || !success.GetBoolean())
            {
                throw new BenchmarkSetupException($"subscribe_campaign failed on {target.Name} instance {instance + 1}: {result.GetRawText()}");
            }

            BaseFrom(client, result, target);
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>When <paramref name="sequence"/> of its stream arrived (a Stopwatch timestamp), or 0.</summary>
    public long ReceivedAt(long sequence)
    {
        var i = sequence - BaseSequence - 1;
        return i >= 0 && i < _receivedAt.Length ? _receivedAt[i] : 0;
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    // The app answers with its stream's current sequence; the bare hub has none, so its target knows it.
    private static void BaseFrom(HubClient client, JsonElement result, HubTarget target) =>
        client.BaseSequence = result.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number
            ? sequence.GetInt64()
            : target.CurrentSequence(client.Audience);

    private void OnEvent(JsonElement envelope)
    {
        var now = Stopwatch.GetTimestamp();
        if (KeepEnvelope)
        {
            LastEnvelopeJson = envelope.GetRawText();
        }

        var sequence = envelope.GetProperty("sequence").GetInt64();
        var i = sequence - BaseSequence - 1;
        if (i < 0 || i >= _receivedAt.Length)
        {
            Unexpected++;
            return;
        }

        if (_receivedAt[i] != 0)
        {
            Duplicates++;
            return;
        }

        _receivedAt[i] = now;
        if (sequence < _last)
        {
            OutOfOrder++;
        }
        else
        {
            _last = sequence;
        }

        _onReceived();
    }
}
