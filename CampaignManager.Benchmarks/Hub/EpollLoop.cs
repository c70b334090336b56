using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace CampaignManager.Benchmarks.Hub;

/// <summary>
/// One thread that waits on Linux's <c>epoll</c> for every <see cref="EpollHubSocket"/> of the process
/// and hands each readable socket one non-blocking read. Unlike .NET's socket engine it needs no
/// async operation per message: a ready socket costs one <c>recv</c>, with nothing scheduled and no
/// second read to find it empty. The sockets are never used asynchronously, so .NET's own epoll
/// never watches them.
/// </summary>
internal sealed partial class EpollLoop
{
    private const int EpollIn = 0x001;
    private const int EpollCtlAdd = 1;
    private const int EpollCtlDel = 2;
    private const int EpollCloexec = 0x80000;
    private const int Eintr = 4;

    // Our side's keep-alive, well inside the server's client timeout (30 s by default).
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private static readonly Lazy<EpollLoop> Shared = new(() => new EpollLoop());

    private readonly int _epoll;
    private readonly ConcurrentDictionary<int, EpollHubSocket> _sockets = new();
    private readonly Timer _pings;

    private EpollLoop()
    {
        _epoll = epoll_create1(EpollCloexec);
        if (_epoll < 0)
        {
            throw new BenchmarkSetupException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        new Thread(Run) { IsBackground = true, Name = "hub client epoll" }.Start();
        _pings = new Timer(_ => PingAll(), null, PingInterval, PingInterval);
    }

    public static EpollLoop Instance => Shared.Value;

    public void Add(int fd, EpollHubSocket socket)
    {
        _sockets[fd] = socket;
        var registration = new EpollEvent { Events = EpollIn, Data = (ulong)fd };
        if (epoll_ctl(_epoll, EpollCtlAdd, fd, ref registration) < 0)
        {
            _sockets.TryRemove(fd, out _);
            throw new BenchmarkSetupException($"epoll_ctl(ADD) failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    public void Remove(int fd)
    {
        if (_sockets.TryRemove(fd, out _))
        {
            var registration = default(EpollEvent);
            epoll_ctl(_epoll, EpollCtlDel, fd, ref registration);
        }
    }

    private void Run()
    {
        var events = new EpollEvent[512];
        while (true)
        {
            var ready = epoll_wait(_epoll, events, events.Length, 1000);
            if (ready < 0)
            {
                if (Marshal.GetLastPInvokeError() == Eintr)
                {
                    continue;
                }

                throw new BenchmarkSetupException($"epoll_wait failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            for (var i = 0; i < ready; i++)
            {
                if (_sockets.TryGetValue((int)events[i].Data, out var socket))
                {
                    socket.OnReadable();
                }
            }
        }
    }

    private void PingAll()
    {
        foreach (var socket in _sockets.Values)
        {
            socket.Ping();
        }
    }

    // x86-64 packs struct epoll_event: 4 bytes of events, 8 of data, 12 in all.
    [StructLayout(LayoutKind.Sequential, Pack = 1)]
    private struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, ref EpollEvent registration);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epfd, [Out] EpollEvent[] events, int maxEvents, int timeout);
}
