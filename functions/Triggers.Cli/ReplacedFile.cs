namespace Triggers.Cli;

/// <summary>
/// A file written whole or not at all: the bytes go to a hidden file beside it, which takes its name only once they
/// are all written. A run stopped half way (Ctrl+C, a full disk, a crash) leaves the previous journey map or history
/// as it was rather than a truncated one that opens as if it were complete.
/// </summary>
internal sealed class ReplacedFile : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private bool _committed;

    public ReplacedFile(string path)
    {
        _path = path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        _temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        Stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
    }

    public Stream Stream { get; }

    /// <summary>Flushes the bytes to disk and gives the file its name, replacing what was there.</summary>
    public void Commit()
    {
        Stream.Flush();
        ((FileStream)Stream).Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    /// <summary>Without <see cref="Commit"/> (an exception on the way), the partial file is removed and the old one stays.</summary>
    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        Stream.Dispose();
        try
        {
            File.Delete(_temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the file is hidden and named after the process that left it.
        }
    }
}
