using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// One hub connection of the load client (WebSockets, no negotiation): subscribed to the campaign,
/// it stamps every <c>settlement_updated</c> with <see cref="Stopwatch.GetTimestamp"/> the moment it
/// is read, by the event's <c>sequence</c>. Either a lean socket (<see cref="EpollHubSocket"/>, the
/// default, or <see cref="RawHubSocket"/>: a stamp when the frame is read) or SignalR's
/// <see cref="HubConnection"/> (a stamp when its handler runs). Both run one connection's events one at a time, so the counters need no locks.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    public const string EventName = "settlement_updated";

    private readonly long[] _receivedAt;
    private readonly Action _onReceived;
    private HubConnection? _connection;
    private ILeanHubSocket? _socket;
    private long _last;

    private HubClient(int instance, string audience, int capacity, Action onReceived)
    {
        Instance = instance;
        Audience = audience;
        _receivedAt = new long[capacity];
        _onReceived = onReceived;
    }

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

    public static Task<HubClient> ConnectAsync(HubTarget target, int instance, string audience, string? token, int capacity,
        Action onReceived, CancellationToken ct, HubClientKind kind = HubClientKind.Raw) =>
        kind == HubClientKind.SignalR
            ? ConnectSignalRAsync(target, instance, audience, token, capacity, onReceived, ct)
            : ConnectLeanAsync(kind, target, instance, audience, token, capacity, onReceived, ct);

    private static async Task<HubClient> ConnectLeanAsync(HubClientKind kind, HubTarget target, int instance, string audience, string? token,
        int capacity, Action onReceived, CancellationToken ct)
    {
        var client = new HubClient(instance, audience, capacity, onReceived);
        client._socket = kind == HubClientKind.Epoll
            ? await EpollHubSocket.ConnectAsync(target.HubUrl(instance), token, EventName, client.OnRawEvent, ct)
            : await RawHubSocket.ConnectAsync(target.HubUrl(instance), token, EventName, client.OnRawEvent, ct);
        try
        {
            var result = await client._socket.InvokeAsync("subscribe_campaign", target.SubscribeArguments, ct);
            Subscribed(client, result, target, instance);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private static async Task<HubClient> ConnectSignalRAsync(HubTarget target, int instance, string audience, string? token, int capacity,
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
        var client = new HubClient(instance, audience, capacity, onReceived) { _connection = connection };
        connection.On<JsonElement>(EventName, client.OnEvent);
        try
        {
            await connection.StartAsync(ct);
            var result = await connection.InvokeCoreAsync<JsonElement>("subscribe_campaign", target.SubscribeArguments, ct);
            Subscribed(client, result, target, instance);
            return client;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void Subscribed(HubClient client, JsonElement result, HubTarget target, int instance)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("success", out var success) || !success.GetBoolean())
        {
            throw new BenchmarkSetupException($"subscribe_campaign failed on {target.Name} instance {instance + 1}: {result}");
        }

        BaseFrom(client, result, target);
    }

    /// <summary>When <paramref name="sequence"/> of its stream arrived (a Stopwatch timestamp), or 0.</summary>
    public long ReceivedAt(long sequence)
    {
        var i = sequence - BaseSequence - 1;
        return i >= 0 && i < _receivedAt.Length ? _receivedAt[i] : 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket is not null)
        {
            await _socket.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    // The app answers with its stream's current sequence; the bare hub has none, so its target knows it.
    private static void BaseFrom(HubClient client, JsonElement result, HubTarget target) =>
        client.BaseSequence = result.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number
            ? sequence.GetInt64()
            : target.CurrentSequence(client.Audience);

    private void OnRawEvent(long sequence, long receivedAt, ReadOnlySpan<byte> envelope)
    {
        if (KeepEnvelope)
        {
            LastEnvelopeJson = Encoding.UTF8.GetString(envelope);
        }

        Record(sequence, receivedAt);
    }

    private void OnEvent(JsonElement envelope)
    {
        var now = Stopwatch.GetTimestamp();
        if (KeepEnvelope)
        {
            LastEnvelopeJson = envelope.GetRawText();
        }

        Record(envelope.GetProperty("sequence").GetInt64(), now);
    }

    private void Record(long sequence, long now)
    {
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

/// <summary>Which client the load generator uses.</summary>
internal enum HubClientKind
{
    /// <summary><see cref="EpollHubSocket"/>: the hub protocol on hand-framed sockets read by one epoll thread, one <c>recv</c> per message.</summary>
    Epoll,

    /// <summary><see cref="RawHubSocket"/>: the hub protocol on .NET's <c>ClientWebSocket</c>, microseconds per event.</summary>
    Raw,

    /// <summary>SignalR's own .NET client (<see cref="HubConnection"/>).</summary>
    SignalR,
}
