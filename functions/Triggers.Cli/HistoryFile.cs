using System.IO.Compression;

namespace Triggers.Cli;

/// <summary>
/// A history opened for reading: <c>-</c> is standard input, and a file whose name ends in <c>.gz</c> is read through
/// gzip (exports and backups of event history are usually compressed; the plain file can be ten times the size).
/// <see cref="Progress"/> measures the file itself, whose length and position a decompressing stream does not have.
/// </summary>
internal sealed class HistoryFile : IDisposable
{
    private HistoryFile(string name, Stream file, Stream content) => (Name, File, Content) = (name, file, content);

    /// <summary>How rejected lines name the input: the path, or <c>stdin</c>.</summary>
    public string Name { get; }

    /// <summary>The bytes as stored: what progress measures.</summary>
    public Stream File { get; }

    /// <summary>The JSON lines.</summary>
    public Stream Content { get; }

    public static HistoryFile Open(string path)
    {
        if (path == "-")
        {
            return Sniffed("standard input", "stdin", Console.OpenStandardInput(), gzipName: false);
        }

        var file = System.IO.File.OpenRead(path);
        try
        {
            var gzipName = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
            if (!file.CanSeek)
            {
                // A named pipe (--events <(zcat x.gz), /dev/stdin): a stream, looked at as standard input is.
                return Sniffed(path, path, file, gzipName);
            }

            var gzip = Check(path, Start(file), gzipName);
            return gzip
                ? new HistoryFile(path, file, Decompressed(path, new CountingStream(new GZipStream(file, CompressionMode.Decompress))))
                : new HistoryFile(path, file, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A stream that cannot be rewound (standard input, a pipe), checked by its first bytes as a file is; the bytes
    /// looked at are put back in front of the rest.
    /// </summary>
    private static HistoryFile Sniffed(string described, string name, Stream stream, bool gzipName)
    {
        var start = new byte[HistoryContent.SniffLength];
        var length = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        var gzip = Check(described, start.AsSpan(0, length), gzipName, stream: true);
        Stream content = new PrefixedStream(start.AsMemory(0, length), stream);
        return gzip
            ? new HistoryFile(name, content, Decompressed(described, new CountingStream(new GZipStream(new CountingStream(content), CompressionMode.Decompress))))
            : new HistoryFile(name, content, content);
    }

    /// <summary>
    /// What a gzip holds, checked by its first bytes as a plain file is (UTF-16 text, a spreadsheet, a second gzip), and
    /// refused the same way, rather than replayed line by line into rejections; the bytes looked at are put back.
    /// </summary>
    private static Stream Decompressed(string name, CountingStream content)
    {
        var start = new byte[HistoryContent.SniffLength];
        int length;
        try
        {
            length = content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new IOException($"reading the events failed: {HistoryContent.DamagedGzip}", e);
        }

        var inside = $"{name} (decompressed)";
        if (HistoryContent.IsGzip(start.AsSpan(0, length)))
        {
            throw new IOException($"{inside} is gzip again: it was compressed twice; decompress it once first (gzip -dc {name} > once.gz)");
        }

        if (length > 0 && HistoryContent.NotJsonLines(inside, start.AsSpan(0, length), stream: true) is { } why)
        {
            throw new IOException(why);
        }

        return new CountedPrefix(start.AsMemory(0, length), content);
    }

    /// <summary>The decompressed bytes with the first ones put back in front; the count of all of them is kept below.</summary>
    private sealed class CountedPrefix(ReadOnlyMemory<byte> prefix, CountingStream counted) : PrefixedStream(prefix, counted)
    {
        public CountingStream Counted => counted;
    }

    /// <summary>
    /// Whether the content is gzip (by its first bytes, whatever the name), or an <see cref="IOException"/> saying why
    /// it is not a history at all. A plain file named .gz is named as such rather than met with the decompressor's
    /// "unsupported compression method"; an empty one passes: it holds no events either way.
    /// </summary>
    private static bool Check(string name, ReadOnlySpan<byte> start, bool gzipName, bool stream = false)
    {
        if (HistoryContent.IsGzip(start) || start.IsEmpty)
        {
            return !start.IsEmpty || gzipName;
        }

        if (gzipName)
        {
            throw new IOException($"{name} is not a gzip file (it does not start with gzip's bytes 1f 8b): a name ending in .gz is read " +
                                  "through gzip, so rename the file if it holds plain JSON lines");
        }

        return HistoryContent.NotJsonLines(name, start, stream) is { } why ? throw new IOException(why) : false;
    }

    /// <summary>The file's first bytes, the file left at its start.</summary>
    private static byte[] Start(FileStream file)
    {
        var start = new byte[HistoryContent.SniffLength];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return start[..read];
    }

    /// <summary>
    /// After the content has been read to its end: why a gzip file looks cut short, or null. A download or copy that
    /// stopped half way decompresses without an error up to where the bytes end, so a replay would quietly miss the
    /// rest of the history; the size gzip records in its last bytes then disagrees with what was read.
    /// </summary>
    public string? Truncation()
    {
        if (Content is not CountedPrefix { Counted: { AtEnd: true, Inner: GZipStream { BaseStream: var compressed } } content })
        {
            return null;
        }

        // A file is measured as it lies; a stream (standard input, a pipe) by what came through it.
        var (length, size, where) = compressed is CountingStream tail
            ? (tail.BytesRead, tail.LastFour, "the end of the input")
            : File is FileStream { CanSeek: true } file ? (file.Length, file.Length < MinimumGzip ? 0 : GzipTrailerSize(file), "the end of the file")
            : (-1L, 0u, "");
        // The size in the last four bytes is only a size when the gzip is whole; in a cut one they are compressed data,
        // so the message names where it stops rather than quoting them. Fewer bytes than the smallest whole gzip (an
        // empty one) is cut inside its header.
        return length < 0 || (length >= MinimumGzip && (uint)content.BytesRead == size) ? null
            : $"warning: {Name} looks cut short at byte {length:N0}, {where}: it decompressed to {content.BytesRead:N0} bytes of history, " +
              "but does not end with the size record a whole gzip file ends with, so the history may end early (an interrupted download or copy " +
              "leaves this; gzip files joined one after another can look the same)";
    }

    // Header (10 bytes), the empty final block (2) and the trailer (8): the gzip of nothing.
    private const int MinimumGzip = 20;

    /// <summary>
    /// The JSON lines' size in bytes, as far as it can be known before reading them: the file's length, or for gzip
    /// the smallest size the gzip trailer allows (it keeps the size modulo 4 GiB) that is no smaller than the file;
    /// null for standard input.
    /// </summary>
    public long? ContentLength
    {
        get
        {
            if (File is not FileStream { CanSeek: true } file)
            {
                return null;
            }

            if (ReferenceEquals(Content, File))
            {
                return file.Length;
            }

            return file.Length < 18 ? file.Length : AtLeast(file.Length, GzipTrailerSize(file));
        }
    }

    /// <summary>The smallest size at or above <paramref name="floor"/> that leaves <paramref name="modulo"/> modulo 2^32.</summary>
    internal static long AtLeast(long floor, uint modulo)
    {
        var size = (floor & ~0xFFFF_FFFFL) | modulo;
        return size >= floor ? size : size + (1L << 32);
    }

    private static uint GzipTrailerSize(FileStream file)
    {
        Span<byte> trailer = stackalloc byte[4];
        var position = file.Position;
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = position;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    public void Dispose()
    {
        Content.Dispose();
        File.Dispose();
    }
}
