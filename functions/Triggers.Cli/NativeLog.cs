namespace Triggers.Cli;

/// <summary>
/// An append-only log of records (bytes) in native memory, for output that is
/// gathered whole and then written out (the simulate timeline: a hundred megabytes or more for a million events). Held on the managed heap, chunks that size
/// count against the large-object budget and set off a full collection every few chunks, each one scanning
/// the whole replay; out here they cost the garbage collector nothing. On huge pages where the system offers
/// them (<see cref="Core.Engine.HugePages"/>). Freed on <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class NativeLog : IDisposable
{
    private const int ChunkSize = 16 << 20;
    private readonly List<nint> _chunks = [];
    private int _size;
    private int _used;

    private const int Header = sizeof(int); // a record's length

    /// <summary>How many records the log holds.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Stores a copy of <paramref name="bytes"/>; returns where it lies, as a number that grows with every append (the
    /// chunk in the high half, the offset in the low).
    /// </summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        var size = Header + bytes.Length;
        if (_used + size > _size)
        {
            _size = Math.Max(ChunkSize, size);
            _chunks.Add((nint)Core.Engine.HugePages.Allocate((nuint)_size));
            _used = 0;
        }

        var at = (byte*)_chunks[^1] + _used;
        System.Runtime.CompilerServices.Unsafe.WriteUnaligned(at, bytes.Length);
        bytes.CopyTo(new Span<byte>(at + Header, bytes.Length));
        var place = ((long)(_chunks.Count - 1) << 32) | (uint)_used;
        _used += size;
        Count++;
        return place;
    }

    public ReadOnlySpan<byte> Read(long place)
    {
        ObjectDisposedException.ThrowIf(_chunks.Count > 0 && _chunks[0] == 0, this);
        var at = At(place);
        return new ReadOnlySpan<byte>(at + Header, System.Runtime.CompilerServices.Unsafe.ReadUnaligned<int>(at));
    }

    /// <summary>Asks the processor to bring the first bytes at <paramref name="place"/> into its cache.</summary>
    public void Prefetch(long place)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(At(place));
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(At(place) + 64);
        }
    }

    private byte* At(long place) => (byte*)_chunks[(int)(place >> 32)] + (uint)place;

    public void Dispose()
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            Core.Engine.HugePages.Free((byte*)_chunks[i]);
            _chunks[i] = 0;
        }
    }
}
