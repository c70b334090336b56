using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// A lean load client: one WebSocket speaking SignalR's JSON hub protocol directly (handshake,
/// one invocation, pings, and reading invocations), so the load generator's own CPU per delivery
/// is a few microseconds instead of the full client's. The servers see exactly what a
/// <c>HubConnection</c> with WebSockets and <c>SkipNegotiation</c> sends. It reads each frame with a
/// <see cref="Utf8JsonReader"/> and takes only the first argument's top-level <c>sequence</c>.
/// </summary>
internal sealed class RawHubSocket : ILeanHubSocket
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    // Our side's keep-alive, well inside the server's client timeout (30 s by default).
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly byte[] _eventName;
    private readonly Action<long, long, ReadOnlySpan<byte>> _onEvent;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource<JsonElement>? _pendingInvocation;
    private byte[] _buffer = new byte[16 * 1024];
    private int _filled;
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    private RawHubSocket(ClientWebSocket socket, string eventName, Action<long, long, ReadOnlySpan<byte>> onEvent)
    {
        _socket = socket;
        _eventName = Encoding.UTF8.GetBytes(eventName);
        _onEvent = onEvent;
    }

    /// <summary>The reason the server gave for closing, if it did.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>
    /// Connects and completes the handshake. <paramref name="onEvent"/> gets (sequence, receive
    /// timestamp, the first argument's JSON) for each invocation of <paramref name="eventName"/>, on
    /// the socket's receive loop, one at a time.
    /// </summary>
    public static async Task<RawHubSocket> ConnectAsync(string hubUrl, string? token, string eventName,
        Action<long, long, ReadOnlySpan<byte>> onEvent, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        }

        var uri = new UriBuilder(hubUrl) { Scheme = hubUrl.StartsWith("https", StringComparison.Ordinal) ? "wss" : "ws" }.Uri;
        var hub = new RawHubSocket(socket, eventName, onEvent);
        try
        {
            await socket.ConnectAsync(uri, ct);
            await hub.SendAsync(Handshake, ct);
            var answer = await hub.ReadHandshakeAsync(ct);
            if (answer != "{}")
            {
                throw new BenchmarkSetupException($"The hub refused the handshake: {answer}");
            }

            hub._receiving = hub.ReceiveLoopAsync();
            hub._pinging = hub.PingLoopAsync();
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    /// <summary>Invokes a hub method and returns its result (one invocation at a time).</summary>
    public async Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct)
    {
        var pending = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingInvocation = pending;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = "1", target = method, arguments });
        await SendAsync((byte[])[.. message, RecordSeparator], ct);
        using var registration = ct.Register(() => pending.TrySetCanceled(ct));
        return await pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, bounded.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Closing a socket the server already dropped.
        }

        await Task.WhenAll(_receiving, _pinging).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<string> ReadHandshakeAsync(CancellationToken ct)
    {
        while (true)
        {
            var end = Array.IndexOf(_buffer, RecordSeparator, 0, _filled);
            if (end >= 0)
            {
                var answer = Encoding.UTF8.GetString(_buffer, 0, end);
                Consume(end + 1);
                return answer;
            }

            await ReceiveMoreAsync(ct);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var received = await ReceiveMoreAsync(_stop.Token);
                var now = Stopwatch.GetTimestamp();
                if (received == 0)
                {
                    return;
                }

                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, _filled - start)) >= 0)
                {
                    Handle(_buffer.AsSpan(start, end - start), now);
                    start = end + 1;
                }

                Consume(start);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _pendingInvocation?.TrySetException(new BenchmarkSetupException($"The hub connection ended: {e.Message}"));
        }
    }

    private async Task PingLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(PingInterval, _stop.Token);
                await SendAsync(Ping, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Stopping, or the socket is gone (the receive loop reports that).
        }
    }

    // Reads one WebSocket fragment after what is buffered; 0 when the server closed.
    private async Task<int> ReceiveMoreAsync(CancellationToken ct)
    {
        if (_filled == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), ct);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            CloseReason = _socket.CloseStatusDescription ?? _socket.CloseStatus?.ToString();
            _pendingInvocation?.TrySetException(new BenchmarkSetupException($"The hub closed the connection: {CloseReason}"));
            return 0;
        }

        _filled += result.Count;
        return result.Count;
    }

    private void Consume(int count)
    {
        Buffer.BlockCopy(_buffer, count, _buffer, 0, _filled - count);
        _filled -= count;
    }

    private void Handle(ReadOnlySpan<byte> record, long receivedAt)
    {
        if (HubMessage.Parse(record, _eventName).Apply(receivedAt, _onEvent, _pendingInvocation) is { } closing)
        {
            CloseReason = closing;
        }
    }
}
