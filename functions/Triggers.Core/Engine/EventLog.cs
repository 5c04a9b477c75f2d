namespace Triggers.Core.Engine;

/// <summary>
/// The raw bytes of a history held for a replay, in large chunks rather than one array per event: a million
/// events are a few hundred chunks the garbage collector never has to trace, not a million small objects.
/// </summary>
internal sealed class EventLog
{
    private const int ChunkSize = 4 << 20;
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkSize;

    /// <summary>Stores a copy of <paramref name="bytes"/>; returns where it lies.</summary>
    public (int Chunk, int Offset) Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > ChunkSize)
        {
            // Uninitialised: every byte handed out is written first, so clearing the chunk would be a wasted pass.
            _chunks.Add(GC.AllocateUninitializedArray<byte>(Math.Max(ChunkSize, bytes.Length)));
            _used = 0;
        }

        var offset = _used;
        bytes.CopyTo(_chunks[^1].AsSpan(offset));
        _used += bytes.Length;
        return (_chunks.Count - 1, offset);
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
