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
internal sealed class RawHubSocket : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    // Our side's keep-alive, well inside the server's client timeout (30 s by default).
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly string _eventName;
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
        _eventName = eventName;
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

    private void Handle(ReadOnlySpan<byte> message, long receivedAt)
    {
        var reader = new Utf8JsonReader(message);
        int type = 0;
        var isEvent = false;
        long sequence = -1;
        ReadOnlySpan<byte> argument = default;
        JsonElement? result = null;
        string? error = null;
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                isEvent = reader.ValueTextEquals(_eventName);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read(); // [
                if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var from = (int)reader.TokenStartIndex;
                    sequence = TopLevelSequence(ref reader);
                    argument = message[from..(int)reader.BytesConsumed];
                }

                while (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != 1)
                {
                    reader.Read();
                }
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                reader.Read();
                result = JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        switch (type)
        {
            case 1 when isEvent && sequence >= 0:
                _onEvent(sequence, receivedAt, argument);
                break;
            case 3 when error is not null:
                _pendingInvocation?.TrySetException(new BenchmarkSetupException($"The hub method failed: {error}"));
                break;
            case 3:
                _pendingInvocation?.TrySetResult(result ?? default);
                break;
            case 7:
                CloseReason = error ?? "closed by the server";
                break;
        }
    }

    // Positioned on the argument's StartObject; returns its "sequence" and leaves the reader on its EndObject.
    private static long TopLevelSequence(ref Utf8JsonReader reader)
    {
        long sequence = -1;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("sequence"u8))
            {
                reader.Read();
                sequence = reader.GetInt64();
            }
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return sequence;
    }
}
