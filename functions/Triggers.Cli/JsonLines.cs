using System.Collections.Concurrent;

namespace Triggers.Cli;

/// <summary>
/// Streams a JSON Lines file as UTF-8 slices, one per non-blank line, without decoding to strings. A second thread
/// reads the stream ahead into large blocks that are never reused, on huge pages where the kernel offers them, or
/// maps a regular file (<see cref="MappedFile"/>) where it does not (so a replay can keep the lines where they lie
/// instead of copying each one: <see cref="Core.Engine.Simulator.AddShared(ReadOnlyMemory{byte}, string, long)"/>),
/// cuts them into lines and, if asked, prepares most lines there too (a replay parses the event envelopes on that
/// thread): reading, cutting and parsing then overlap with what the caller's thread does with the lines.
/// </summary>
internal static class JsonLines
{
    private const int BlockSize = 16 << 20;

    // Lines are passed on in batches of a few thousand, and the batches come back to be refilled: a batch per block
    // (60,000 lines, 7 MB of them with their envelopes, grown by doubling) put 50 MB of fresh 4 KiB pages under the
    // reading thread, the dearest thing on a virtual machine; these stay few and warm.
    private const int BatchLines = 4096;
    private const int BatchesAhead = 16;

    /// <summary>
    /// Whether advised memory does come as huge pages here: madvise can be called and the kernel's transparent huge
    /// pages are on for it (<c>always</c> or <c>madvise</c> selected, not <c>never</c>).
    /// </summary>
    private static readonly Lazy<bool> HugePagesOffered = new(() => Core.Engine.HugePages.Available && TransparentHugePages() is "always" or "madvise");

    public delegate void LineHandler(ReadOnlyMemory<byte> line, long number);

    /// <summary>Hands each line to <paramref name="handler"/> on the calling thread, in file order.</summary>
    public static void Read(Stream stream, LineHandler handler, bool? map = null) =>
        Read(stream, static _ => false, (line, number, _) => handler(line, number), map);

    /// <summary>
    /// Hands each line to <paramref name="handler"/> on the calling thread, in file order, with what
    /// <paramref name="prepare"/> (which must be safe to run on another thread) made of it: on the reading thread for
    /// two lines in three, on the calling thread for the rest, so that neither thread waits for the other.
    /// </summary>
    /// <remarks>
    /// <paramref name="map"/> says whether a regular file is mapped rather than read. By default it is read into blocks
    /// where huge pages are offered, unless it is large against the memory there is: a replay reads each account's
    /// events scattered over the whole history, and from a mapping, in the page cache's 4 KiB pages, nearly every one
    /// of those reads also missed the TLB (on 1M events replaying took 3.1-3.9 s mapped against 2.8-2.9 s from
    /// huge-page blocks, and the whole command 5.0-5.8 s against 4.6-4.9 s). Without huge pages, mapping spares the
    /// kernel clearing a fresh page for every 4 KiB of the copy; and a history of more than a quarter of the memory
    /// available is always mapped, because the kernel can drop a mapped file's pages under pressure and read them
    /// again, where blocks of the same size would have to fit.
    /// </remarks>
    public static void Read<T>(Stream stream, Func<ReadOnlyMemory<byte>, T> prepare, Action<ReadOnlyMemory<byte>, long, T> handler, bool? map = null)
    {
        var batches = new BlockingCollection<List<Line<T>>>(BatchesAhead);
        var spare = new ConcurrentQueue<List<Line<T>>>(); // batches the caller is done with, for the reader to refill
        var stop = new CancellationTokenSource();
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                new Cutter<T>(prepare, batches, spare, stop.Token).Run(stream, map ?? PreferMapping(stream));
            }
            catch (OperationCanceledException)
            {
                // the lines' handler failed: nothing more is wanted
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                batches.CompleteAdding();
            }
        }) { IsBackground = true, Name = "read ahead" };
        reader.Start();
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable())
            {
                foreach (var line in batch)
                {
                    handler(line.Bytes, line.Number, line.IsPrepared ? line.Prepared : prepare(line.Bytes));
                }

                batch.Clear();
                spare.Enqueue(batch);
            }
        }
        catch
        {
            // Not waiting for the reader: it may be blocked reading a pipe. It stops at its next block; the queue
            // and the token are left to the garbage collector rather than disposed under it.
            stop.Cancel();
            throw;
        }

        reader.Join();
        batches.Dispose();
        stop.Dispose();
        switch (failure)
        {
            case null:
                return;
            case InvalidDataException:
                // The decompressor's own words name a zip entry's "unsupported compression method" for any damage.
                throw new IOException($"reading the events failed: {HistoryContent.DamagedGzip}", failure);
            case IOException or UnauthorizedAccessException or NotSupportedException:
                throw new IOException($"reading the events failed: {failure.Message}", failure);
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure); // a bug in prepare: as it was thrown
                return;
        }
    }

    /// <summary>Whether a regular file is better mapped than read here (see <see cref="Read{T}"/>); other streams cannot be mapped anyway.</summary>
    private static bool PreferMapping(Stream stream) =>
        PreferMapping(stream.CanSeek ? stream.Length : 0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, HugePagesOffered.Value);

    internal static bool PreferMapping(long length, long availableMemory, bool hugePagesOffered) => !hugePagesOffered || length > availableMemory / 4;

    /// <summary>The selected transparent huge page mode (the bracketed word of <c>always [madvise] never</c>), or null when unreadable.</summary>
    private static string? TransparentHugePages()
    {
        try
        {
            var modes = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
            var (open, close) = (modes.IndexOf('[', StringComparison.Ordinal), modes.IndexOf(']', StringComparison.Ordinal));
            return open >= 0 && close > open ? modes[(open + 1)..close] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A line, and what was made of it on the reading thread (when <see cref="IsPrepared"/>).</summary>
    private readonly record struct Line<T>(ReadOnlyMemory<byte> Bytes, long Number, T Prepared, bool IsPrepared);

    /// <summary>The reading thread: fills fresh blocks, cuts them into lines, prepares each, and passes them on a block at a time.</summary>
    private sealed class Cutter<T>(
        Func<ReadOnlyMemory<byte>, T> prepare, BlockingCollection<List<Line<T>>> batches, ConcurrentQueue<List<Line<T>>> spare, CancellationToken stop)
    {
        private readonly List<byte> _carry = []; // the start of a line that continues in the next block
        private List<Line<T>> _batch = new(BatchLines);
        private long _number;

        private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

        public void Run(Stream stream, bool map)
        {
            if (map && MappedFile.TryMap(stream) is { } mapped)
            {
                Cut(stream, mapped);
            }
            else
            {
                Read(stream);
            }

            if (_carry.Count > 0)
            {
                Add(_carry.ToArray());
                Pass();
            }
        }

        private void Read(Stream stream)
        {
            while (true)
            {
                var block = Core.Engine.HugePages.Block(BlockSize); // a replay keeps them all: on huge pages where offered
                var filled = 0;
                int read;
                while (filled < block.Length && (read = stream.Read(block.Span[filled..])) > 0)
                {
                    filled += read;
                }

                if (filled > 0)
                {
                    Cut(block[..filled]);
                    Pass();
                }

                if (filled < block.Length)
                {
                    break;
                }
            }
        }

        /// <summary>
        /// Cuts a mapped file a block at a time, as if read: its lines are slices of the mapping, not copies. The stream's
        /// position follows, for progress.
        /// </summary>
        private void Cut(Stream stream, MappedFile mapped)
        {
            for (long offset = 0; offset < mapped.Length; offset += BlockSize)
            {
                var block = mapped.Window(offset, BlockSize);
                Cut(block);
                Pass();
                stream.Position = offset + block.Length;
            }
        }

        /// <summary>Cuts a block into lines; a line split across blocks is joined in an array of its own.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Cut(ReadOnlyMemory<byte> bytes)
        {
            var start = 0;
            var newline = bytes.Span.IndexOf((byte)'\n');
            if (_carry.Count > 0)
            {
                if (newline < 0)
                {
                    _carry.AddRange(bytes.Span);
                    return;
                }

                var joined = new byte[_carry.Count + newline];
                _carry.CopyTo(joined);
                bytes.Span[..newline].CopyTo(joined.AsSpan(_carry.Count));
                _carry.Clear();
                Add(joined);
                start = newline + 1;
                newline = bytes.Span[start..].IndexOf((byte)'\n') is var next and >= 0 ? start + next : -1;
            }

            while (newline >= 0)
            {
                Add(bytes[start..newline]);
                start = newline + 1;
                newline = bytes.Span[start..].IndexOf((byte)'\n') is var next and >= 0 ? start + next : -1;
            }

            _carry.AddRange(bytes.Span[start..]);
        }

        private void Add(ReadOnlyMemory<byte> line)
        {
            _number++;
            var span = line.Span;
            if (span.Length > 0 && span[^1] == '\r')
            {
                line = line[..^1];
                span = span[..^1];
            }

            while (span.StartsWith(Utf8Bom))
            {
                // Editors and PowerShell on Windows start UTF-8 files with a byte order mark: not part of the event. One
                // may start a later line too (cat a.jsonl b.jsonl), or come twice.
                line = line[Utf8Bom.Length..];
                span = span[Utf8Bom.Length..];
            }

            if (!span.Trim(" \t"u8).IsEmpty)
            {
                // The reading thread prepares two lines in three and leaves the third to the caller's thread: preparing
                // (parsing an event) is most of the work here, and with every line prepared on this side the caller
                // waited for it (on 1M events this thread was busy 1.65 s of the 1.9 s the reading took).
                var ahead = _number % 3 != 0;
                _batch.Add(new Line<T>(line, _number, ahead ? prepare(line) : default!, ahead));
                if (_batch.Count == BatchLines)
                {
                    Pass();
                }
            }
        }

        private void Pass()
        {
            if (_batch.Count > 0)
            {
                batches.Add(_batch, stop);
                _batch = spare.TryDequeue(out var empty) ? empty : new List<Line<T>>(BatchLines);
            }
        }
    }
}
