using System.Buffers;
using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Cli;

/// <summary>
/// Puts a replay's outcomes on one timeline. The simulator reports account by account; people and most tools
/// want time order, so each outcome is formatted at once into a compact log (no object kept per outcome) and
/// the log is written out sorted by time. Equal times keep the order they were reported in.
/// </summary>
internal sealed class Timeline : IDisposable
{
    private readonly NativeLog _log = new();
    private readonly Lines _lines = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public Timeline() =>
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public int Count => _lines.Count;

    public void Dispose()
    {
        _json.Dispose();
        _log.Dispose();
    }

    public void AddJson(Outcome outcome)
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
        OutcomeJson.Write(_json, outcome);
        _json.Flush();
        Add(outcome.Time.UtcTicks, _buffer.WrittenSpan);
    }

    public void AddText(Outcome outcome, string text) => Add(outcome.Time.UtcTicks, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes every line in time order, each followed by a newline.</summary>
    public void WriteTo(Stream output)
    {
        var lines = _lines.ToArray();
        var order = TimeOrder(lines);
        // Lines are gathered into large writes: a million calls into a buffered stream cost more than the copies.
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var used = 0;
        foreach (var number in order)
        {
            ref readonly var line = ref lines[number];
            var text = _log.Read(line.Chunk, line.Offset, line.Length);
            if (used + text.Length + 1 > buffer.Length)
            {
                output.Write(buffer, 0, used);
                used = 0;
            }

            if (text.Length + 1 > buffer.Length)
            {
                output.Write(text);
                output.WriteByte((byte)'\n');
                continue;
            }

            text.CopyTo(buffer.AsSpan(used));
            used += text.Length;
            buffer[used++] = (byte)'\n';
        }

        output.Write(buffer, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// The lines' numbers (their places in report order) sorted by time, equal times in report order. The times are
    /// sorted as plain numbers with the numbers alongside, which the runtime compares inline; a sort of the lines
    /// themselves by a comparer went through a delegate call per comparison (0.2 s for 2.3M lines).
    /// </summary>
    private static int[] TimeOrder(Line[] lines)
    {
        var times = Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<long>(lines.Length));
        var order = Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<int>(lines.Length));
        for (var i = 0; i < lines.Length; i++)
        {
            (times[i], order[i]) = (lines[i].Time, i);
        }

        Array.Sort(times, order);
        // The sort is not stable: each run of equal times goes back into report order.
        for (var start = 0; start < times.Length;)
        {
            var end = start + 1;
            while (end < times.Length && times[end] == times[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start);
            }

            start = end;
        }

        return order;
    }

    private void Add(long time, ReadOnlySpan<byte> text)
    {
        var (chunk, offset) = _log.Append(text);
        _lines.Add(new Line(time, chunk, offset, text.Length));
    }

    private readonly record struct Line(long Time, int Chunk, int Offset, int Length);

    /// <summary>
    /// The lines' places, in arrays that double in size up to a cap and are never copied while they fill: a million
    /// outcomes' places are 24 MB, and a growing list wrote them twice over again. Fresh and uncleared (every item
    /// is written before it is read), on huge pages where offered, as is the one array they are sorted in.
    /// </summary>
    private sealed class Lines
    {
        private const int First = 1 << 10;
        private const int Largest = 1 << 18; // 6 MB of places: room for whole huge pages
        private readonly List<Line[]> _full = [];
        private Line[] _current = new Line[First];
        private int _used;

        public int Count { get; private set; }

        public void Add(in Line line)
        {
            if (_used == _current.Length)
            {
                _full.Add(_current);
                _current = Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<Line>(Math.Min(_current.Length * 2, Largest)));
                _used = 0;
            }

            _current[_used++] = line;
            Count++;
        }

        public Line[] ToArray()
        {
            var all = Core.Engine.HugePages.Advise(GC.AllocateUninitializedArray<Line>(Count));
            var at = 0;
            foreach (var full in _full)
            {
                full.CopyTo(all, at);
                at += full.Length;
            }

            _current.AsSpan(0, _used).CopyTo(all.AsSpan(at));
            return all;
        }
    }
}
