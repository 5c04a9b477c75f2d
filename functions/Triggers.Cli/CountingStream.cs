namespace Triggers.Cli;

/// <summary>
/// Passes bytes through, keeping how many there were, whether the end was reached and the last four. Below the
/// decompressor it measures a stream that cannot be rewound (standard input, a pipe): a whole gzip member ends with
/// its size, which is how a history cut short in transit is told from a whole one (<see cref="HistoryFile.Truncation"/>),
/// as it is for a file; above it, it counts the history's bytes that size must match.
/// </summary>
internal sealed class CountingStream(Stream inner) : ReadingStream(inner)
{
    private uint _last; // the last four bytes read, the newest in the high byte: little-endian, as gzip writes the size

    public Stream Inner => InnerStream;

    public long BytesRead { get; private set; }

    public bool AtEnd { get; private set; }

    /// <summary>The last four bytes read as gzip's size record (meaningful once <see cref="BytesRead"/> is 4 or more).</summary>
    public uint LastFour => _last;

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var read = InnerStream.Read(buffer);
        foreach (var b in buffer[Math.Max(0, read - 4)..read])
        {
            _last = (_last >> 8) | ((uint)b << 24);
        }

        BytesRead += read;
        AtEnd |= read == 0 && !buffer.IsEmpty;
        return read;
    }
}
