using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// The leanest load client: SignalR's JSON hub protocol over a WebSocket framed by hand on a plain
/// socket, read by the process's one <see cref="EpollLoop"/> thread. The servers see what a
/// <c>HubConnection</c> with WebSockets and <c>SkipNegotiation</c> sends (the upgrade, the handshake,
/// one invocation, masked frames, pings). Setting up (connect, upgrade, handshake) uses blocking calls
/// on a thread of its own, so .NET's socket engine never watches the socket; after that it is
/// non-blocking and only the loop reads it.
/// </summary>
internal sealed class EpollHubSocket : ILeanHubSocket
{
    private const byte RecordSeparator = 0x1e;
    private const int OpText = 0x1, OpClose = 0x8, OpPing = 0x9;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] PingRecord = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly Socket _socket;
    private readonly int _fd;
    private readonly byte[] _eventName;
    private readonly Action<long, long, ReadOnlySpan<byte>> _onEvent;
    private readonly Lock _sending = new();
    private TaskCompletionSource<JsonElement>? _pendingInvocation;
    private byte[] _frames = new byte[16 * 1024];
    private int _framesFilled;
    private byte[] _text = new byte[16 * 1024];
    private int _textFilled;
    private bool _handshakeAnswered;
    private string? _handshakeError;
    private volatile bool _closed;

    private EpollHubSocket(Socket socket, string eventName, Action<long, long, ReadOnlySpan<byte>> onEvent)
    {
        _socket = socket;
        _fd = (int)socket.Handle;
        _eventName = Encoding.UTF8.GetBytes(eventName);
        _onEvent = onEvent;
    }

    public string? CloseReason { get; private set; }

    /// <summary>Connects, upgrades and completes the hub handshake; then the loop reads it.</summary>
    public static Task<EpollHubSocket> ConnectAsync(string hubUrl, string? token, string eventName,
        Action<long, long, ReadOnlySpan<byte>> onEvent, CancellationToken ct) =>
        Task.Factory.StartNew(() => Connect(new Uri(hubUrl), token, eventName, onEvent, ct),
            ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public Task<JsonElement> InvokeAsync(string method, object?[] arguments, CancellationToken ct)
    {
        var pending = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pendingInvocation = pending;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { type = 1, invocationId = "1", target = method, arguments });
        SendFrame(OpText, [.. message, RecordSeparator]);
        ct.Register(() => pending.TrySetCanceled(ct));
        return pending.Task;
    }

    /// <summary>The loop's keep-alive call.</summary>
    public void Ping()
    {
        try
        {
            if (!_closed)
            {
                SendFrame(OpText, PingRecord);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Closed($"a ping failed: {e.Message}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_closed)
        {
            _closed = true;
            EpollLoop.Instance.Remove(_fd);
            try
            {
                SendFrame(OpClose, [0x03, 0xE8]); // 1000, normal closure
            }
            catch (SocketException)
            {
                // The server went first.
            }
        }

        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The loop's call: one non-blocking read, then every complete frame and record in it.</summary>
    public void OnReadable()
    {
        try
        {
            ReadAvailable();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Closed($"reading failed: {e.Message}");
        }
    }

    private void ReadAvailable()
    {
        EnsureRoom(ref _frames, _framesFilled, 4096);
        var read = _socket.Receive(_frames.AsSpan(_framesFilled), SocketFlags.None, out var error);
        var now = Stopwatch.GetTimestamp();
        if (error == SocketError.WouldBlock)
        {
            return;
        }

        if (error != SocketError.Success || read == 0)
        {
            Closed(error == SocketError.Success ? "the server closed the connection" : $"the socket failed: {error}");
            return;
        }

        _framesFilled += read;
        ReadFrames(now);
    }

    private static EpollHubSocket Connect(Uri url, string? token, string eventName, Action<long, long, ReadOnlySpan<byte>> onEvent, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveTimeout = 60_000, SendTimeout = 60_000 };
        var hub = new EpollHubSocket(socket, eventName, onEvent);
        try
        {
            socket.Connect(IPAddress.Parse(url.Host), url.Port);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n" +
                (token is null ? "" : $"Authorization: Bearer {token}\r\n") + "\r\n";
            socket.Send(Encoding.ASCII.GetBytes(request));
            hub.ReadUpgradeAnswer();
            hub.SendFrame(OpText, Handshake);
            while (!hub._handshakeAnswered)
            {
                ct.ThrowIfCancellationRequested();
                hub.ReadBlocking();
            }

            if (hub._handshakeError is not null)
            {
                throw new BenchmarkSetupException($"The hub refused the handshake: {hub._handshakeError}");
            }

            socket.Blocking = false;
            EpollLoop.Instance.Add(hub._fd, hub);
            return hub;
        }
        catch
        {
            hub._closed = true;
            socket.Dispose();
            throw;
        }
    }

    private void ReadUpgradeAnswer()
    {
        while (true)
        {
            var end = _frames.AsSpan(0, _framesFilled).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(_frames, 0, end);
                if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
                {
                    throw new BenchmarkSetupException($"The hub refused the WebSocket upgrade: {head.Split("\r\n")[0]}");
                }

                Consume(ref _frames, ref _framesFilled, end + 4);
                return;
            }

            if (!ReadSome())
            {
                throw new BenchmarkSetupException("The hub closed the connection during the WebSocket upgrade.");
            }
        }
    }

    private void ReadBlocking()
    {
        if (!ReadSome())
        {
            throw new BenchmarkSetupException($"The hub closed the connection during the handshake ({CloseReason}).");
        }

        ReadFrames(Stopwatch.GetTimestamp());
    }

    private bool ReadSome()
    {
        EnsureRoom(ref _frames, _framesFilled, 4096);
        var read = _socket.Receive(_frames.AsSpan(_framesFilled));
        _framesFilled += read;
        return read > 0;
    }

    // Server frames are never masked. Data frames (text and their continuations) go to the text
    // buffer, where records end at 0x1e whatever the frame boundaries.
    private void ReadFrames(long receivedAt)
    {
        var at = 0;
        while (_framesFilled - at >= 2)
        {
            var first = _frames[at];
            long length = _frames[at + 1] & 0x7f;
            var header = 2;
            if (length == 126)
            {
                if (_framesFilled - at < 4)
                {
                    break;
                }

                length = BinaryPrimitives.ReadUInt16BigEndian(_frames.AsSpan(at + 2));
                header = 4;
            }
            else if (length == 127)
            {
                if (_framesFilled - at < 10)
                {
                    break;
                }

                length = (long)BinaryPrimitives.ReadUInt64BigEndian(_frames.AsSpan(at + 2));
                header = 10;
            }

            if (_framesFilled - at < header + length)
            {
                EnsureRoom(ref _frames, _framesFilled, (int)(header + length));
                break;
            }

            var payload = _frames.AsSpan(at + header, (int)length);
            switch (first & 0x0f)
            {
                case 0x0 or 0x1 or 0x2:
                    EnsureRoom(ref _text, _textFilled, payload.Length);
                    payload.CopyTo(_text.AsSpan(_textFilled));
                    _textFilled += payload.Length;
                    break;
                case OpClose:
                    Closed(payload.Length > 2 ? Encoding.UTF8.GetString(payload[2..]) : "the server closed the WebSocket");
                    return;
                case OpPing:
                    SendFrame(0xA, payload.ToArray());
                    break;
            }

            at += header + (int)length;
        }

        Consume(ref _frames, ref _framesFilled, at);
        ReadRecords(receivedAt);
    }

    private void ReadRecords(long receivedAt)
    {
        var start = 0;
        int end;
        while ((end = _text.AsSpan(start, _textFilled - start).IndexOf(RecordSeparator)) >= 0)
        {
            Handle(_text.AsSpan(start, end), receivedAt);
            start += end + 1;
        }

        Consume(ref _text, ref _textFilled, start);
    }

    private void Handle(ReadOnlySpan<byte> record, long receivedAt)
    {
        if (!_handshakeAnswered)
        {
            // The handshake answer is "{}" or {"error":"…"}, with no type.
            _handshakeAnswered = true;
            _handshakeError = record.SequenceEqual("{}"u8) ? null : Encoding.UTF8.GetString(record);
            return;
        }

        if (HubMessage.Parse(record, _eventName).Apply(receivedAt, _onEvent, _pendingInvocation) is { } closing)
        {
            CloseReason = closing;
        }
    }

    private void Closed(string reason)
    {
        CloseReason ??= reason;
        _closed = true;
        EpollLoop.Instance.Remove(_fd);
        _pendingInvocation?.TrySetException(new BenchmarkSetupException($"The hub connection ended: {reason}"));
    }

    // A client's frames are masked (RFC 6455 §5.3). Small and rare (an invocation, a ping every 10 s):
    // a short wait when the socket's send buffer is full is fine.
    private void SendFrame(int opcode, byte[] payload)
    {
        var extra = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + extra + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        if (extra == 0)
        {
            frame[1] = (byte)(0x80 | payload.Length);
        }
        else if (extra == 2)
        {
            frame[1] = 0x80 | 126;
            BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
        }
        else
        {
            frame[1] = 0x80 | 127;
            BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
        }

        var mask = frame.AsSpan(2 + extra, 4);
        RandomNumberGenerator.Fill(mask);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[2 + extra + 4 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        lock (_sending)
        {
            var sent = 0;
            while (sent < frame.Length)
            {
                var n = _socket.Send(frame.AsSpan(sent), SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    Thread.Sleep(1);
                    continue;
                }

                if (error != SocketError.Success)
                {
                    throw new SocketException((int)error);
                }

                sent += n;
            }
        }
    }

    private static void EnsureRoom(ref byte[] buffer, int filled, int needed)
    {
        if (buffer.Length - filled < needed)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, filled + needed));
        }
    }

    private static void Consume(ref byte[] buffer, ref int filled, int count)
    {
        if (count > 0)
        {
            Buffer.BlockCopy(buffer, count, buffer, 0, filled - count);
            filled -= count;
        }
    }
}
