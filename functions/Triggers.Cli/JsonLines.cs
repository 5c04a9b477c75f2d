namespace Triggers.Cli;

/// <summary>
/// Streams a JSON Lines file as byte spans, one per non-blank line, without decoding to strings: reading is
/// the floor of simulate's speed, so it should cost no more than the JSON parse itself.
/// </summary>
internal static class JsonLines
{
    public delegate void LineHandler(ReadOnlySpan<byte> line, long number);

    public static void Read(Stream stream, LineHandler handler)
    {
        var buffer = new byte[1 << 20];
        var filled = 0;
        long number = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            var end = filled + read;
            var start = 0;
            int newline;
            while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
            {
                number++;
                Emit(buffer.AsSpan(start, newline), number, handler);
                start += newline + 1;
            }

            if (read == 0)
            {
                if (end > start)
                {
                    number++;
                    Emit(buffer.AsSpan(start, end - start), number, handler);
                }

                return;
            }

            filled = end - start;
            Buffer.BlockCopy(buffer, start, buffer, 0, filled);
        }
    }

    private static void Emit(ReadOnlySpan<byte> line, long number, LineHandler handler)
    {
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }

        if (!line.Trim(" \t"u8).IsEmpty)
        {
            handler(line, number);
        }
    }
}
