using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Triggers.Cli;

/// <summary>
/// A regular file mapped read-only into memory, handed out as windows of at most <c>int.MaxValue</c> bytes. A history
/// that was just written or read lies in the page cache already: mapped, its pages are shared with the cache, where
/// reading it into fresh blocks had the kernel clear a new page for every 4 KiB (on this build machine 0.46 s of the
/// reading thread for 256 MB) and then copy the file over it. The mapping stays while any window is reachable (a replay
/// keeps its events' bytes until it is collected) and goes with the last of them.
/// </summary>
/// <remarks>
/// A mapped file must not shrink while it is read: on Linux a page beyond the new end faults the process. Histories are
/// written whole, or appended to, and a replay reads the length the file had when it started.
/// </remarks>
internal sealed unsafe class MappedFile
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _start;

    private MappedFile(FileStream stream, long length)
    {
        _file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        var handle = _view.SafeMemoryMappedViewHandle;
        handle.AcquirePointer(ref pointer);
        // Released at once: the view stays mapped while this object (and so the view) is reachable, and a pointer
        // still acquired would keep its finalizer from ever unmapping it.
        handle.ReleasePointer();
        _start = pointer + _view.PointerOffset;
        Length = length;
    }

    public long Length { get; }

    /// <summary>Maps <paramref name="stream"/> when it is a non-empty regular file that can be mapped; null otherwise (a pipe, a device, an empty file).</summary>
    public static MappedFile? TryMap(Stream stream)
    {
        if (stream is not FileStream { CanSeek: true } file || file.Length == 0 || file.Position != 0)
        {
            return null;
        }

        try
        {
            return new MappedFile(file, file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null; // a file system that cannot map: read it as a stream
        }
    }

    /// <summary>The bytes from <paramref name="offset"/>, at most <paramref name="length"/> of them.</summary>
    public ReadOnlyMemory<byte> Window(long offset, int length) =>
        new Slice(this, _start + offset, (int)Math.Min(length, Length - offset)).Memory;

    private sealed class Slice(MappedFile owner, byte* start, int length) : MemoryManager<byte>
    {
        // Held for its lifetime: the mapping lives as long as any window over it.
        private readonly MappedFile _owner = owner;

        public override Span<byte> GetSpan() => new(start, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex, default, this);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => GC.KeepAlive(_owner);
    }
}
