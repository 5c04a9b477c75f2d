using System.Collections.Concurrent;

namespace Triggers.Cli;

/// <summary>
/// Streams a JSON Lines file as UTF-8 slices, one per non-blank line, without decoding to strings. The file is read
/// ahead on a second thread into large blocks that are never reused, so a replay can keep the lines where they lie
/// instead of copying each one (<see cref="Core.Engine.Simulator.AddShared"/>), and the cost of reading into fresh
/// memory overlaps with parsing: reading is the floor of simulate's speed.
/// </summary>
internal static class JsonLines
{
    private const int BlockSize = 4 << 20;
    private const int BlocksAhead = 4;

    public delegate void LineHandler(ReadOnlyMemory<byte> line, long number);

    public static void Read(Stream stream, LineHandler handler)
    {
        var blocks = new BlockingCollection<ArraySegment<byte>>(BlocksAhead);
        var stop = new CancellationTokenSource();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                ReadBlocks(stream, blocks, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // the lines' handler failed: nothing more is wanted
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                failure = e;
            }
            finally
            {
                blocks.CompleteAdding();
            }
        }) { IsBackground = true, Name = "read ahead" };
        reader.Start();
        try
        {
            Split(blocks, handler);
        }
        catch
        {
            // Not waiting for the reader: it may be blocked reading a pipe. It stops at its next block; the queue
            // and the token are left to the garbage collector rather than disposed under it.
            stop.Cancel();
            throw;
        }

        reader.Join();
        blocks.Dispose();
        stop.Dispose();
        if (failure is not null)
        {
            throw new IOException($"reading the events failed: {failure.Message}", failure);
        }
    }

    /// <summary>Fills fresh blocks from the stream, each as full as the stream allows, until it ends.</summary>
    private static void ReadBlocks(Stream stream, BlockingCollection<ArraySegment<byte>> blocks, CancellationToken stop)
    {
        while (true)
        {
            var block = GC.AllocateUninitializedArray<byte>(BlockSize);
            var filled = 0;
            int read;
            while (filled < block.Length && (read = stream.Read(block, filled, block.Length - filled)) > 0)
            {
                filled += read;
            }

            if (filled > 0)
            {
                blocks.Add(new ArraySegment<byte>(block, 0, filled), stop);
            }

            if (filled < block.Length)
            {
                return;
            }
        }
    }

    /// <summary>Cuts the blocks into lines; a line split across blocks is joined in an array of its own.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void Split(BlockingCollection<ArraySegment<byte>> blocks, LineHandler handler)
    {
        var carry = new List<byte>(); // the start of a line that continues in the next block
        long number = 0;
        foreach (var block in blocks.GetConsumingEnumerable())
        {
            var bytes = block.AsMemory();
            var start = 0;
            var newline = bytes.Span.IndexOf((byte)'\n');
            if (carry.Count > 0)
            {
                if (newline < 0)
                {
                    carry.AddRange(bytes.Span);
                    continue;
                }

                var joined = new byte[carry.Count + newline];
                carry.CopyTo(joined);
                bytes.Span[..newline].CopyTo(joined.AsSpan(carry.Count));
                carry.Clear();
                Emit(joined, ++number, handler);
                start = newline + 1;
                newline = bytes.Span[start..].IndexOf((byte)'\n') is var next and >= 0 ? start + next : -1;
            }

            while (newline >= 0)
            {
                Emit(bytes[start..newline], ++number, handler);
                start = newline + 1;
                newline = bytes.Span[start..].IndexOf((byte)'\n') is var next and >= 0 ? start + next : -1;
            }

            carry.AddRange(bytes.Span[start..]);
        }

        if (carry.Count > 0)
        {
            Emit(carry.ToArray(), ++number, handler);
        }
    }

    private static void Emit(ReadOnlyMemory<byte> line, long number, LineHandler handler)
    {
        var span = line.Span;
        if (span.Length > 0 && span[^1] == '\r')
        {
            line = line[..^1];
            span = span[..^1];
        }

        if (!span.Trim(" \t"u8).IsEmpty)
        {
            handler(line, number);
        }
    }
}
