namespace Triggers.Core.Engine;

/// <summary>
/// The raw bytes of a history held for a replay, in large chunks rather than one array per event: a million
/// events are a few hundred chunks the garbage collector never has to trace, not a million small objects.
/// Chunks are either the log's own (filled by <see cref="Append"/>) or the caller's (<see cref="Adopt"/>).
/// </summary>
internal sealed class EventLog
{
    private const int ChunkSize = 4 << 20;
    private readonly List<byte[]> _chunks = [];
    private int _current = -1;
    private int _used;
    private int _end; // where the current chunk's room ends
    private int _adopted = -1;

    /// <summary>Stores a copy of <paramref name="bytes"/>; returns where it lies.</summary>
    public (int Chunk, int Offset) Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _end)
        {
            // Uninitialised (every byte handed out is written first, so clearing the chunk would be a wasted pass),
            // and on huge pages where offered.
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(HugePages.Block(Math.Max(ChunkSize, bytes.Length)), out var block);
            _chunks.Add(block.Array!);
            _current = _chunks.Count - 1;
            (_used, _end) = (block.Offset, block.Offset + block.Count);
        }

        var offset = _used;
        bytes.CopyTo(_chunks[_current].AsSpan(offset));
        _used += bytes.Length;
        return (_current, offset);
    }

    /// <summary>
    /// Refers to bytes inside the caller's array without copying them (the caller promises not to change them);
    /// consecutive lines of one array share one chunk entry.
    /// </summary>
    public (int Chunk, int Offset) Adopt(ArraySegment<byte> bytes)
    {
        if (_adopted < 0 || !ReferenceEquals(_chunks[_adopted], bytes.Array))
        {
            _chunks.Add(bytes.Array!);
            _adopted = _chunks.Count - 1;
        }

        return (_adopted, bytes.Offset);
    }

    /// <summary>A hint that the bytes will be read soon (x86 prefetch; nothing elsewhere). Changes no result.</summary>
    public unsafe void Prefetch(int chunk, int offset, int length)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        fixed (byte* start = &_chunks[chunk][offset])
        {
            for (var line = 0; line < length; line += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + line);
            }
        }
    }

    public ReadOnlyMemory<byte> Memory(int chunk, int offset, int length) => _chunks[chunk].AsMemory(offset, length);

    public ReadOnlySpan<byte> Read(int chunk, int offset, int length) => _chunks[chunk].AsSpan(offset, length);
}
