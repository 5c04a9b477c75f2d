using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>
/// Keeps outcomes' JSON lines as compact records until they are written. <c>simulate</c> holds every line to sort
/// them into one timeline (1.6 million lines, 470 MB as text, for a million events), and where memory is dearest, a
/// virtual machine that backs each fresh page only when it is first touched, the bytes held cost more than making
/// them. A record keeps what <see cref="OutcomeJson.Fields{T}"/> says, already escaped for JSON, at about a third of
/// the text's size: names from the playbooks as numbers in a table, times as ticks, effect ids as their 12 bytes,
/// field names not at all. <see cref="Format"/> then only joins bytes, which is fast enough to do while writing.
/// Escaping is the JSON writer's own: text goes through as UTF-8 when the writer's encoder would leave every
/// character of it alone, and is otherwise escaped by a writer with the same encoder, so a line is the one
/// <see cref="OutcomeJson.Write"/> makes, byte for byte. Plain lines (the table format) are kept as they are.
/// One thread records; formatting starts when recording has ended, and may run on several threads at once (it only
/// reads).
/// </summary>
internal sealed class OutcomeRecorder : IOutcomeFields, IDisposable
{
    // A record is a run of operations, each a byte with the operation in its top three bits and the field below.
    private const byte KindOp = 0 << 5, TimeOp = 1 << 5, NamedOp = 2 << 5, TextOp = 3 << 5, RawOp = 4 << 5, BecauseOp = 5 << 5, LineOp = 6 << 5;
    private const byte OpMask = 0b1110_0000;

    // The byte before a piece of text: how it is kept.
    private const byte Escaped = 0, InTable = 1, HexId = 2, Absent = 3, Whole = 4;
    private const int IdBytes = 12;
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary><c>,"name":</c> for every field, escaped once.</summary>
    private static readonly byte[][] Prefixes =
        [.. OutcomeJson.Names.Select(name => (byte[])[(byte)',', (byte)'"', .. name.EncodedUtf8Bytes, (byte)'"', (byte)':'])];

    private readonly JavaScriptEncoder _encoder;
    private readonly List<byte[]> _table = [];
    private readonly Dictionary<string, int> _numbers = new(ReferenceEqualityComparer.Instance);
    private readonly ArrayBufferWriter<byte> _scratch = new(256);
    private readonly Utf8JsonWriter _writer;
    private byte[] _record = new byte[1024];
    private int _used;

    /// <param name="encoder">The encoder of the JSON writer whose lines these must be (null: the writer's default).</param>
    public OutcomeRecorder(JavaScriptEncoder? encoder = null)
    {
        _encoder = encoder ?? JavaScriptEncoder.Default;
        _writer = new Utf8JsonWriter(_scratch, new JsonWriterOptions { Encoder = encoder });
    }

    /// <summary>At most this many distinct names are kept by number; later ones are kept as text.</summary>
    internal int MaxNames { get; init; } = ushort.MaxValue + 1;

    /// <summary>The record of <paramref name="outcome"/>'s JSON line; valid until the next call.</summary>
    public ReadOnlySpan<byte> Record(Outcome outcome)
    {
        _used = 0;
        OutcomeJson.Fields(this, outcome);
        return _record.AsSpan(0, _used);
    }

    /// <summary>The record of a line that is written as it is.</summary>
    public ReadOnlySpan<byte> Line(string text)
    {
        _used = 0;
        Ensure(1 + Encoding.UTF8.GetMaxByteCount(text.Length));
        _record[_used++] = LineOp;
        _used += Encoding.UTF8.GetBytes(text, _record.AsSpan(_used));
        return _record.AsSpan(0, _used);
    }

    /// <summary>
    /// Writes the line a record keeps (without a newline) into <paramref name="into"/>; returns its length, or -1
    /// when it does not fit.
    /// </summary>
    public int Format(ReadOnlySpan<byte> record, Span<byte> into)
    {
        var line = new Output(into);
        if ((record[0] & OpMask) == LineOp)
        {
            line.Put(record[1..]);
            return line.Length;
        }

        Span<byte> time = stackalloc byte[32];
        Span<byte> hex = stackalloc byte[IdBytes * 2];
        line.Put((byte)'{');
        for (var at = 0; at < record.Length;)
        {
            var op = record[at] & OpMask;
            var field = record[at++] & ~OpMask;
            line.Put(Prefixes[field].AsSpan(at == 1 ? 1 : 0));
            switch (op)
            {
                case KindOp:
                    line.Quoted(OutcomeJson.KindText[record[at++]].EncodedUtf8Bytes);
                    break;
                case TimeOp:
                    var ticks = BinaryPrimitives.ReadInt64LittleEndian(record[at..]);
                    line.Quoted(time[..OutcomeJson.Utf8(new DateTime(ticks, DateTimeKind.Utc), time)]);
                    at += sizeof(long);
                    break;
                case NamedOp:
                    line.Quoted(_table[BinaryPrimitives.ReadUInt16LittleEndian(record[at..])]);
                    at += sizeof(ushort);
                    break;
                case TextOp when record[at] == HexId:
                    Convert.TryToHexStringLower(record.Slice(at + 1, IdBytes), hex, out _);
                    line.Quoted(hex);
                    at += 1 + IdBytes;
                    break;
                case TextOp:
                    at++;
                    line.Quoted(Piece(record, ref at));
                    break;
                case RawOp:
                    line.Put(Piece(record, ref at));
                    break;
                case BecauseOp:
                    at = FormatBecause(record, at, ref line);
                    break;
                default:
                    throw new InvalidDataException($"not an outcome record: operation {op >> 5} at byte {at - 1}");
            }
        }

        line.Put((byte)'}');
        return line.Length;
    }

    public void Dispose() => _writer.Dispose();

    void IOutcomeFields.Kind(OutcomeKind kind)
    {
        Ensure(2);
        _record[_used++] = KindOp | (byte)OutcomeField.Kind;
        _record[_used++] = (byte)kind;
    }

    void IOutcomeFields.Time(OutcomeField field, long utcTicks)
    {
        Ensure(1 + sizeof(long));
        _record[_used++] = (byte)(TimeOp | (byte)field);
        BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(_used), utcTicks);
        _used += sizeof(long);
    }

    void IOutcomeFields.Named(OutcomeField field, string value)
    {
        if (Number(value) is not { } number)
        {
            ((IOutcomeFields)this).Text(field, value);
            return;
        }

        Ensure(1 + sizeof(ushort));
        _record[_used++] = (byte)(NamedOp | (byte)field);
        Number16(number);
    }

    void IOutcomeFields.Text(OutcomeField field, string value)
    {
        Ensure(2 + IdBytes);
        _record[_used++] = (byte)(TextOp | (byte)field);
        if (field == OutcomeField.Id && value.Length == IdBytes * 2 && !value.AsSpan().ContainsAnyExcept(LowerHex))
        {
            _record[_used++] = HexId;
            Convert.FromHexString(value, _record.AsSpan(_used, IdBytes), out _, out _);
            _used += IdBytes;
            return;
        }

        _record[_used++] = Escaped;
        AppendEscaped(value);
    }

    void IOutcomeFields.Raw(OutcomeField field, string json)
    {
        Ensure(1);
        _record[_used++] = (byte)(RawOp | (byte)field);
        if (IsValid(json))
        {
            AppendUtf8(json);
            return;
        }

        Append(Written(w => w.WriteRawValue(json, skipInputValidation: true)));
    }

    void IOutcomeFields.Because(string head, string? id, string rest)
    {
        Ensure(2);
        _record[_used++] = BecauseOp | (byte)OutcomeField.Because;
        if (!IsValid(head) || (id is not null && !IsValid(id)) || !IsValid(rest))
        {
            // A surrogate split between two parts would be joined by the writer: let it write the whole value.
            _record[_used++] = Whole;
            Append(Written(w => JsonFields.BecauseValue(w, head, id, rest))[1..^1]);
            return;
        }

        // Each valid part escapes alone as it does as a segment. The head is the rule's, shared by its firings.
        if (Number(head) is { } number)
        {
            Ensure(1 + sizeof(ushort));
            _record[_used++] = InTable;
            Number16(number);
        }
        else
        {
            _record[_used++] = Escaped;
            AppendEscaped(head);
        }

        Ensure(1);
        _record[_used++] = id is null ? Absent : Escaped;
        if (id is not null)
        {
            AppendEscaped(id);
        }

        AppendEscaped(rest);
    }

    private int FormatBecause(ReadOnlySpan<byte> record, int at, ref Output line)
    {
        line.Put((byte)'"');
        var head = record[at++];
        if (head == InTable)
        {
            line.Put(_table[BinaryPrimitives.ReadUInt16LittleEndian(record[at..])]);
            at += sizeof(ushort);
        }
        else
        {
            line.Put(Piece(record, ref at));
        }

        if (head != Whole)
        {
            if (record[at++] != Absent)
            {
                line.Put((byte)' ');
                line.Put(Piece(record, ref at));
            }

            line.Put(Piece(record, ref at));
        }

        line.Put((byte)'"');
        return at;
    }

    /// <summary>A length and that many bytes, from <paramref name="at"/>.</summary>
    private static ReadOnlySpan<byte> Piece(ReadOnlySpan<byte> record, scoped ref int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = record[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        var piece = record.Slice(at, length);
        at += length;
        return piece;
    }

    /// <summary>The text as the writer puts it between quotes: its UTF-8 when the encoder leaves it all alone.</summary>
    private void AppendEscaped(string value)
    {
        if (IsValid(value))
        {
            var start = _used;
            var length = AppendUtf8(value);
            if (_encoder.FindFirstCharacterToEncodeUtf8(_record.AsSpan(_used - length, length)) < 0)
            {
                return;
            }

            _used = start;
        }

        Append(Written(w => w.WriteStringValue(value))[1..^1]);
    }

    private int AppendUtf8(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Ensure(5 + length);
        Length(length);
        _used += Encoding.UTF8.GetBytes(value, _record.AsSpan(_used));
        return length;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(5 + bytes.Length);
        Length(bytes.Length);
        bytes.CopyTo(_record.AsSpan(_used));
        _used += bytes.Length;
    }

    /// <summary>What the JSON writer writes for one value (the rare text that needs escaping).</summary>
    private ReadOnlySpan<byte> Written(Action<Utf8JsonWriter> write)
    {
        _scratch.ResetWrittenCount();
        _writer.Reset(_scratch);
        write(_writer);
        _writer.Flush();
        return _scratch.WrittenSpan;
    }

    private void Length(int length)
    {
        for (; length >= 0x80; length >>= 7)
        {
            _record[_used++] = (byte)(length | 0x80);
        }

        _record[_used++] = (byte)length;
    }

    private void Number16(int number)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_record.AsSpan(_used), (ushort)number);
        _used += sizeof(ushort);
    }

    /// <summary>The name's number in the table (escaped as the writer escapes a name), or null when the table is full.</summary>
    private int? Number(string name)
    {
        if (_numbers.TryGetValue(name, out var number))
        {
            return number;
        }

        if (_table.Count >= MaxNames)
        {
            return null;
        }

        _table.Add(JsonEncodedText.Encode(name, _encoder).EncodedUtf8Bytes.ToArray());
        return _numbers[name] = _table.Count - 1;
    }

    private void Ensure(int more)
    {
        if (_used + more > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _used + more));
        }
    }

    /// <summary>Whether the string is valid UTF-16 (every surrogate in a pair), so that its UTF-8 is the same text.</summary>
    private static bool IsValid(string value)
    {
        var span = value.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return true;
        }

        for (var i = first; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A line being joined into a span; a piece that does not fit makes the whole line not fit.</summary>
    private ref struct Output(Span<byte> into)
    {
        private readonly Span<byte> _into = into;
        private int _at;

        public readonly int Length => _at;

        public void Put(byte b)
        {
            if ((uint)_at < (uint)_into.Length)
            {
                _into[_at++] = b;
            }
            else
            {
                _at = -1;
            }
        }

        public void Put(scoped ReadOnlySpan<byte> bytes)
        {
            if (_at >= 0 && bytes.TryCopyTo(_into[_at..]))
            {
                _at += bytes.Length;
            }
            else
            {
                _at = -1;
            }
        }

        public void Quoted(scoped ReadOnlySpan<byte> bytes)
        {
            Put((byte)'"');
            Put(bytes);
            Put((byte)'"');
        }
    }
}
