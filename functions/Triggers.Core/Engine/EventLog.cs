using System.Buffers;
using System.Runtime.InteropServices;

namespace Triggers.Core.Engine;

/// <summary>
/// The raw bytes of a history held for a replay, in large chunks rather than one array per event: a million
/// events are a few hundred chunks the garbage collector never has to trace, not a million small objects.
/// Chunks are either the log's own (filled by <see cref="Append"/>) or the caller's (<see cref="Adopt"/>: its arrays,
/// or a mapped file's windows).
/// </summary>
internal sealed class EventLog
{
    private const int ChunkSize = 4 << 20;
    private readonly List<ReadOnlyMemory<byte>> _chunks = [];
    private byte[] _own = []; // the chunk Append fills
    private int _current = -1;
    private int _used;
    private int _end; // where the current chunk's room ends
    private object? _adopted; // the owner of the last adopted chunk: an array or a memory manager
    private int _adoptedChunk;

    /// <summary>Stores a copy of <paramref name="bytes"/>; returns where it lies.</summary>
    public (int Chunk, int Offset) Append(ReadOnlySpan<byte> bytes)
    {
        if (_used + bytes.Length > _end)
        {
            // Uninitialised (every byte handed out is written first, so clearing the chunk would be a wasted pass),
            // and on huge pages where offered.
            MemoryMarshal.TryGetArray<byte>(HugePages.Block(Math.Max(ChunkSize, bytes.Length)), out var block);
            _own = block.Array!;
            _chunks.Add(_own);
            _current = _chunks.Count - 1;
            (_used, _end) = (block.Offset, block.Offset + block.Count);
        }

        var offset = _used;
        bytes.CopyTo(_own.AsSpan(offset));
        _used += bytes.Length;
        return (_current, offset);
    }

    /// <summary>
    /// Refers to the caller's bytes without copying them (the caller promises not to change them); consecutive lines
    /// of one array, or of one memory manager's memory (a mapped file), share one chunk entry.
    /// </summary>
    public (int Chunk, int Offset) Adopt(ReadOnlyMemory<byte> bytes)
    {
        object owner;
        int offset;
        ReadOnlyMemory<byte> whole;
        if (MemoryMarshal.TryGetArray(bytes, out var segment))
        {
            (owner, offset, whole) = (segment.Array!, segment.Offset, segment.Array);
        }
        else if (MemoryMarshal.TryGetMemoryManager<byte, MemoryManager<byte>>(bytes, out var manager, out var start, out _))
        {
            (owner, offset, whole) = (manager, start, manager.Memory);
        }
        else
        {
            return Append(bytes.Span); // a native span without a manager: nothing to hold on to
        }

        if (!ReferenceEquals(_adopted, owner))
        {
            _chunks.Add(whole);
            (_adopted, _adoptedChunk) = (owner, _chunks.Count - 1);
        }

        return (_adoptedChunk, offset);
    }

    /// <summary>A hint that the bytes will be read soon (x86 prefetch; nothing elsewhere). Changes no result.</summary>
    public unsafe void Prefetch(int chunk, int offset, int length)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        fixed (byte* start = Read(chunk, offset, length))
        {
            for (var line = 0; line < length; line += 64)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(start + line);
            }
        }
    }

    public ReadOnlyMemory<byte> Memory(int chunk, int offset, int length) => _chunks[chunk].Slice(offset, length);

    public ReadOnlySpan<byte> Read(int chunk, int offset, int length) => _chunks[chunk].Span.Slice(offset, length);
}
