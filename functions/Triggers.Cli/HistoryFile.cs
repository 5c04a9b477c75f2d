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
            var stdin = Console.OpenStandardInput();
            return new HistoryFile("stdin", stdin, stdin);
        }

        var file = System.IO.File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new HistoryFile(path, file, new GZipStream(file, CompressionMode.Decompress))
            : new HistoryFile(path, file, file);
    }

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
