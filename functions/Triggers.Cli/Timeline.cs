using Triggers.Core.Engine;

namespace Triggers.Cli;

/// <summary>
/// Puts a replay's outcomes on one timeline. The simulator reports account by account; people and most tools
/// want time order, so each outcome is recorded at once into a log (no object kept per outcome; JSON lines as
/// compact records, <see cref="OutcomeRecorder"/>, a third of their text) and the log is written out sorted by
/// time. Equal times keep the order they were reported in.
/// </summary>
internal sealed class Timeline : IDisposable
{
    private readonly NativeLog _log = new();
    // Text as payloads write it (UTF-8, see ReadableJsonEncoder), so a line and the payload inside it read alike.
    private readonly OutcomeRecorder _recorder = new(Core.Expressions.ReadableJsonEncoder.Instance);

    // Each record's time and place, in report order: kept as records come (on the output thread, beside the replay)
    // rather than read back from the log after it, a pass over all of it at the end.
    private long[] _times = Fresh(1 << 16);
    private long[] _places = Fresh(1 << 16);

    public int Count => _log.Count;

    public void Dispose()
    {
        _recorder.Dispose();
        _log.Dispose();
    }

    public void AddJson(Outcome outcome) => Add(outcome.Time.UtcTicks, _recorder.Record(outcome));

    public void AddText(Outcome outcome, string text) => Add(outcome.Time.UtcTicks, _recorder.Line(text));

    /// <summary>Writes every line in time order, each followed by a newline.</summary>
    public void WriteTo(Stream output)
    {
        // Report order, which a stable sort by time keeps for equal times.
        var count = _log.Count;
        var (_, places) = RadixOrder.Sort(_times, _places, count, Fresh(count), Fresh(count));
        // The lines are made in runs, two at a time: this thread makes one while another makes the next (the replay
        // is over, so the machine's other core is free), then both are written in order, each in one large write.
        var (mine, other) = (new Run(), new Run());
        for (var start = 0; start < count; start += 2 * RunLines)
        {
            var next = start + RunLines;
            var helper = next < count ? Task.Run(() => Format(places, next, count, other)) : null;
            Format(places, start, count, mine);
            output.Write(mine.Bytes, 0, mine.Length);
            if (helper is not null)
            {
                helper.GetAwaiter().GetResult(); // rethrows what the other thread threw
                output.Write(other.Bytes, 0, other.Length);
            }
        }
    }

    /// <summary>How many lines a run holds: a few megabytes of text, reused from run to run.</summary>
    private const int RunLines = 8192;

    private const int PrefetchDistance = 16;

    /// <summary>Makes the lines of one run (from <paramref name="start"/>), each followed by a newline.</summary>
    private void Format(long[] places, int start, int count, Run run)
    {
        var end = Math.Min(start + RunLines, count);
        run.Length = 0;
        for (var i = start; i < end; i++)
        {
            // The records lie in report order, read here in time order: ask for each one well before it is needed.
            if (i + PrefetchDistance < end)
            {
                _log.Prefetch(places[i + PrefetchDistance]);
            }

            var record = _log.Read(places[i]);
            int length;
            // A byte is kept for the newline; a line that does not fit makes the buffer grow.
            if (run.Length + 1 >= run.Bytes.Length)
            {
                Array.Resize(ref run.Bytes, run.Bytes.Length * 2);
            }

            while ((length = _recorder.Format(record, run.Bytes.AsSpan(run.Length, run.Bytes.Length - run.Length - 1))) < 0)
            {
                Array.Resize(ref run.Bytes, run.Bytes.Length * 2);
            }

            run.Length += length;
            run.Bytes[run.Length++] = (byte)'\n';
        }
    }

    /// <summary>A run's text, in a buffer that grows to the largest run and is then reused.</summary>
    private sealed class Run
    {
        public byte[] Bytes = new byte[1 << 20];
        public int Length;
    }

    private void Add(long time, ReadOnlySpan<byte> record)
    {
        var place = _log.Append(record);
        var i = _log.Count - 1;
        if (i == _times.Length)
        {
            _times = Grown(_times);
            _places = Grown(_places);
        }

        _times[i] = time;
        _places[i] = place;
    }

    private static long[] Grown(long[] full)
    {
        var grown = Fresh(full.Length * 2);
        full.CopyTo(grown, 0);
        return grown;
    }

    /// <summary>Fresh and uncleared (every item is written before it is read), on huge pages where offered.</summary>
    private static long[] Fresh(int size) => Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<long>(size));
}
