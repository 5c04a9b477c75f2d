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
    private readonly List<Line> _lines = [];
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
        var order = _lines.ToArray();
        order.AsSpan().Sort(default(ByTimeThenSequence)); // a struct comparer: inlined, unlike a Comparison delegate
        // Lines are gathered into large writes: a million calls into a buffered stream cost more than the copies.
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var used = 0;
        foreach (var line in order)
        {
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

    private void Add(long time, ReadOnlySpan<byte> text)
    {
        var (chunk, offset) = _log.Append(text);
        _lines.Add(new Line(time, _lines.Count, chunk, offset, text.Length));
    }

    private readonly record struct Line(long Time, int Sequence, int Chunk, int Offset, int Length);

    private readonly struct ByTimeThenSequence : IComparer<Line>
    {
        public int Compare(Line x, Line y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.Sequence.CompareTo(y.Sequence);
    }
}
