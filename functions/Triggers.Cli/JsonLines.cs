namespace Triggers.Cli;

/// <summary>
/// Streams a JSON Lines file as UTF-8 slices, one per non-blank line, without decoding to strings. The file is read
/// into large blocks that are never reused, so a replay can keep the lines where they lie instead of copying each
/// one (<see cref="Core.Engine.Simulator.AddShared"/>): reading is the floor of simulate's speed.
/// </summary>
internal static class JsonLines
{
    private const int BlockSize = 4 << 20;

    public delegate void LineHandler(ReadOnlyMemory<byte> line, long number);

    public static void Read(Stream stream, LineHandler handler)
    {
        var block = GC.AllocateUninitializedArray<byte>(BlockSize);
        var (start, end) = (0, 0); // the unfinished line is block[start..end]
        long number = 0;
        while (true)
        {
            if (end == block.Length)
            {
                // Full: the unfinished line moves to a fresh block (lines handed out stay where they are); a line
                // longer than a whole block gets one twice the size.
                var next = GC.AllocateUninitializedArray<byte>(start == 0 ? block.Length * 2 : Math.Max(BlockSize, 2 * (end - start)));
                block.AsSpan(start, end - start).CopyTo(next);
                (block, end, start) = (next, end - start, 0);
            }

            var read = stream.Read(block, end, block.Length - end);
            var scanned = end;
            end += read;
            int newline;
            while ((newline = block.AsSpan(scanned, end - scanned).IndexOf((byte)'\n')) >= 0)
            {
                number++;
                Emit(block.AsMemory(start, scanned + newline - start), number, handler);
                start = scanned = scanned + newline + 1;
            }

            if (read == 0)
            {
                if (end > start)
                {
                    number++;
                    Emit(block.AsMemory(start, end - start), number, handler);
                }

                return;
            }
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
