namespace CampaignManager.Web.State.Store;

/// <summary>
/// Where the features of every circuit keep their current state: one slot each in arrays shared by all
/// circuits, not a field of each feature. An event gives a thousand circuits a new state; written into a
/// thousand features scattered over the heap, those references marked a thousand cards that each gen-0
/// collection then had to scan (about 3 µs apiece here, most of the collection's pause: docs/benchmarks.md,
/// "What a gen-0 collection costs here"). In one array they mark 32 cards, scanned as one object.
/// </summary>
internal static class StateSlots<TState>
    where TState : class
{
    // 8 KB of references per chunk: small-object heap, 32 cards.
    private const int ChunkSize = 1024;

    private static readonly Lock Gate = new();
    private static readonly Stack<Slot> Free = new();
    private static TState?[] _chunk = [];
    private static int _next;

    public static Slot Rent()
    {
        lock (Gate)
        {
            if (Free.TryPop(out var slot))
            {
                return slot;
            }

            if (_next == _chunk.Length)
            {
                _chunk = new TState?[ChunkSize];
                _next = 0;
            }

            return new Slot(_chunk, _next++);
        }
    }

    /// <summary>Clears the slot (so the state can be collected) and lets another feature have it.</summary>
    public static void Return(Slot slot)
    {
        Volatile.Write(ref slot.Chunk[slot.Index], default);
        lock (Gate)
        {
            Free.Push(slot);
        }
    }

    public readonly record struct Slot(TState?[] Chunk, int Index);
}
