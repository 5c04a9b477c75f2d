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

    public void Dispose()
    {
        Content.Dispose();
        File.Dispose();
    }
}
