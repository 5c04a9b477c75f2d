namespace Triggers.Core.Engine;

/// <summary>
/// An append-only list in fixed-size chunks: growing it never copies what is already there, so a list of a
/// million entries costs its own size once instead of twice that again in discarded arrays (only the first chunk
/// grows, up to the full size, so short lists stay short).
/// </summary>
internal sealed class ChunkedList<T>
{
    // Tens of megabytes of items a chunk: an array is advised onto huge pages only for the whole 2 MiB pages inside it,
    // and of a chunk of a few megabytes (1 << 16 entries) about half lay outside them, on 4 KiB pages, each one a
    // fault the first time it is written (8,600 of a million-event replay's 69,000 faults).
    private const int Shift = 18;
    private const int ChunkSize = 1 << Shift;
    private const int First = 1 << 8;
    private const int LastDoubling = 1 << 15;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public ref readonly T this[int index] => ref _chunks[index >> Shift][index & (ChunkSize - 1)];

    /// <summary>The item at <paramref name="index"/>, to change in place.</summary>
    public ref T At(int index) => ref _chunks[index >> Shift][index & (ChunkSize - 1)];

    /// <summary>Asks the processor for the item's memory (both cache lines an item may straddle) ahead of a read.</summary>
    public unsafe void Prefetch(int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            var item = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref At(index));
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(item);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(item + System.Runtime.CompilerServices.Unsafe.SizeOf<T>() - 1);
        }
    }

    public void Add(in T item)
    {
        var slot = Count & (ChunkSize - 1);
        if (slot == 0)
        {
            _chunks.Add(Count == 0 ? NewChunk(First) : NewChunk(ChunkSize));
        }
        else if (slot == _chunks[^1].Length)
        {
            // Only the first chunk grows, doubling while it is small (a list of a few items stays small), then straight
            // to the full size: doubling on to it wrote a chunk's worth of short-lived arrays.
            var grown = NewChunk(slot * 2 > LastDoubling ? ChunkSize : slot * 2);
            _chunks[^1].CopyTo(grown, 0);
            _chunks[^1] = grown;
        }

        _chunks[^1][slot] = item;
        Count++;
    }

    /// <summary>Items that hold no references need no clearing (each is written before it is read) and go on huge pages where offered.</summary>
    private static T[] NewChunk(int length) => System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<T>()
        ? new T[length]
        : HugePages.Advise(GC.AllocateUninitializedArray<T>(length));

    public void Clear()
    {
        _chunks.Clear();
        Count = 0;
    }
}
