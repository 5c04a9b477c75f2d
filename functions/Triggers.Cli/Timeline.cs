using System.Buffers;
using System.Text;
using System.Text.Json;
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
    private readonly OutcomeRecorder _recorder = new(System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

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
        // Each record carries its time: the two arrays are filled in one pass over the log, in report order.
        var (times, places) = (Fresh(_log.Count), Fresh(_log.Count));
        _log.List(times, places);
        TimeOrder(times, places);
        // Lines are gathered into large writes: a million calls into a buffered stream cost more than the copies.
        var buffer = ArrayPool<byte>.Shared.Rent(WriteSize);
        var used = 0;
        for (var i = 0; i < places.Length; i++)
        {
            // The records lie in report order, read here in time order: ask for each one well before it is needed.
            if (i + PrefetchDistance < places.Length)
            {
                _log.Prefetch(places[i + PrefetchDistance]);
            }

            var record = _log.Read(places[i]);
            int length;
            // A byte is kept for the newline.
            while ((length = used < buffer.Length ? _recorder.Format(record, buffer.AsSpan(used, buffer.Length - used - 1)) : -1) < 0)
            {
                // Full: write out what is there, and make room for a line larger than the buffer.
                output.Write(buffer, 0, used);
                if (used == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                }

                used = 0;
            }

            used += length;
            buffer[used++] = (byte)'\n';
        }

        output.Write(buffer, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private const int WriteSize = 1 << 20;
    private const int PrefetchDistance = 16;

    /// <summary>
    /// Sorts the lines' places by time, equal times in report order. The times are sorted as plain numbers with the
    /// places alongside, which the runtime compares inline (a sort of the lines themselves by a comparer went through
    /// a delegate call per comparison: 0.2 s for 2.3M lines), and a place grows with report order, so each run of
    /// equal times is put back into report order by sorting its places.
    /// </summary>
    private static void TimeOrder(long[] times, long[] places)
    {
        Array.Sort(times, places);
        for (var start = 0; start < times.Length;)
        {
            var end = start + 1;
            while (end < times.Length && times[end] == times[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(places, start, end - start);
            }

            start = end;
        }
    }

    private void Add(long time, ReadOnlySpan<byte> record) => _log.Append(time, record);

    /// <summary>Fresh and uncleared (every item is written before it is read), on huge pages where offered.</summary>
    private static long[] Fresh(int size) => Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<long>(size));
}
