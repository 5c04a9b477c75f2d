namespace Triggers.Cli;

/// <summary>A stream that reads <paramref name="prefix"/> first and then the rest of <paramref name="rest"/>: bytes already taken from a stream that cannot seek, put back.</summary>
internal class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : ReadingStream(rest)
{
    private ReadOnlyMemory<byte> prefix = prefix;

    public override int Read(Span<byte> buffer)
    {
        if (prefix.IsEmpty)
        {
            return InnerStream.Read(buffer);
        }

        var count = Math.Min(buffer.Length, prefix.Length);
        prefix.Span[..count].CopyTo(buffer);
        prefix = prefix[count..];
        return count;
    }
}
