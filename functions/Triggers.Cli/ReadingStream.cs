namespace Triggers.Cli;

/// <summary>
/// A forward-only stream that reads through <paramref name="inner"/> and owns it: what the history's wrappers
/// (<see cref="PrefixedStream"/>, <see cref="CountingStream"/>) share, so each says only how it reads.
/// </summary>
internal abstract class ReadingStream(Stream inner) : Stream
{
    protected Stream InnerStream => inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public abstract override int Read(Span<byte> buffer);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
