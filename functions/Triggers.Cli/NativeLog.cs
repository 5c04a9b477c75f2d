namespace Triggers.Cli;

/// <summary>
/// An append-only byte log in native memory, for output that is gathered whole and then written out (the
/// simulate timeline: hundreds of megabytes for a million events). Held on the managed heap, chunks that size
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

    /// <summary>Stores a copy of <paramref name="bytes"/>; returns where it lies.</summary>
    public (int Chunk, int Offset) Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _size)
        {
            _size = Math.Max(ChunkSize, bytes.Length);
            _chunks.Add((nint)Core.Engine.HugePages.Allocate((nuint)_size));
            _used = 0;
        }

        var offset = _used;
        bytes.CopyTo(new Span<byte>((byte*)_chunks[^1] + offset, bytes.Length));
        _used += bytes.Length;
        return (_chunks.Count - 1, offset);
    }

    public ReadOnlySpan<byte> Read(int chunk, int offset, int length)
    {
        ObjectDisposedException.ThrowIf(_chunks.Count > 0 && _chunks[0] == 0, this);
        return new ReadOnlySpan<byte>((byte*)_chunks[chunk] + offset, length);
    }

    public void Dispose()
    {
        for (var i = 0; i < _chunks.Count; i++)
        {
            Core.Engine.HugePages.Free((byte*)_chunks[i]);
            _chunks[i] = 0;
        }
    }
}
