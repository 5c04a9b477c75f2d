namespace Triggers.Core.Engine;

/// <summary>
/// An append-only list in fixed-size chunks: growing it never copies what is already there, so a list of a
/// million entries costs its own size once instead of twice that again in discarded arrays.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int Shift = 14;
    private const int ChunkSize = 1 << Shift;
    private readonly List<T[]> _chunks = [];

    public int Count { get; private set; }

    public ref readonly T this[int index] => ref _chunks[index >> Shift][index & (ChunkSize - 1)];

    /// <summary>A hint that the item will be read soon (x86 prefetch; nothing elsewhere).</summary>
    public unsafe void Prefetch(int index)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(
                ref System.Runtime.CompilerServices.Unsafe.AsRef(in this[index])));
        }
    }

    public void Add(in T item)
    {
        if ((Count & (ChunkSize - 1)) == 0)
        {
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[^1][Count & (ChunkSize - 1)] = item;
        Count++;
    }

    public void Clear()
    {
        _chunks.Clear();
        Count = 0;
    }
}
