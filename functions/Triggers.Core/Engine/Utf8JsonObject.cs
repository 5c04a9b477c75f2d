using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// Exposes a JSON object given as UTF-8 text (an event's <c>data</c>) to expressions without building a document:
/// the first lookup notes where every top-level member's name and value lie (one pass of the reader), later lookups
/// compare names with those bytes, and each value is read at most once. Conditions read one to three members of a
/// small object, and rules on the same event ask again for members another rule just read. A member given twice
/// reads as its last value, as <see cref="JsonDocument"/> reads it. The text must be a valid JSON object (the event
/// parser checked it) and must not change while the value is in use. One object is read by one thread at a time,
/// and the event that owns it may point it at its next event's data (<see cref="Reset"/>), as the replay does.
/// </summary>
internal sealed class Utf8JsonObject : IValueObject
{
    private ReadOnlyMemory<byte> _json;
    private Member[] _members = [];
    private int _count = -1; // -1: not indexed yet

    public Utf8JsonObject(ReadOnlyMemory<byte> json) => _json = json;

    /// <summary>Makes this object read another JSON object, keeping its member table's memory.</summary>
    public void Reset(ReadOnlyMemory<byte> json)
    {
        if (_count > 0)
        {
            Array.Clear(_members, 0, _count); // drop the values read, so they do not outlive their event
        }

        (_json, _count) = (json, -1);
    }

    public bool TryGetMember(string name, out Value value)
    {
        if (_count < 0)
        {
            Index();
        }

        var span = _json.Span;
        for (var i = _count - 1; i >= 0; i--) // from the end: the last of a repeated name wins
        {
            ref var member = ref _members[i];
            if (member.Is(span, name))
            {
                if (!member.Read)
                {
                    var reader = new Utf8JsonReader(span[member.ValueStart..]);
                    reader.Read();
                    (member.Value, member.Read) = (Read(ref reader, member.ValueStart), true);
                }

                value = member.Value;
                return true;
            }
        }

        value = Value.Null;
        return false;
    }

    /// <summary>Notes where each top-level member's name and value start.</summary>
    private void Index()
    {
        _count = 0;
        var reader = new Utf8JsonReader(_json.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var (start, length) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
            var plain = !reader.ValueIsEscaped && System.Text.Ascii.IsValid(reader.ValueSpan);
            reader.Read();
            if (_count == _members.Length)
            {
                Array.Resize(ref _members, Math.Max(8, _count * 2));
            }

            _members[_count++] = new Member(start, length, plain, (int)reader.TokenStartIndex);
            reader.Skip();
        }
    }

    public IEnumerable<string> MemberNames
    {
        get
        {
            var names = new List<string>();
            var reader = new Utf8JsonReader(_json.Span);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                names.Add(reader.GetString()!);
                reader.Read();
                reader.Skip();
            }

            return names;
        }
    }

    /// <summary>
    /// The value at the reader (left on its last token), which started reading at <paramref name="offset"/> of the
    /// text: nested objects stay text, arrays become lists.
    /// </summary>
    private Value Read(ref Utf8JsonReader reader, int offset)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Value.String(reader.GetString());
            case JsonTokenType.Number:
                return Value.Number(JsonNumber.Read(ref reader));
            case JsonTokenType.True:
                return Value.True;
            case JsonTokenType.False:
                return Value.False;
            case JsonTokenType.StartObject:
                var start = offset + (int)reader.TokenStartIndex;
                reader.Skip();
                return Value.Object(new Utf8JsonObject(_json[start..(offset + (int)reader.BytesConsumed)]));
            case JsonTokenType.StartArray:
                var items = new List<Value>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, offset));
                }

                return Value.List(items);
            default:
                return Value.Null;
        }
    }

    /// <summary>Where one member's name (between its quotes; Plain when unescaped ASCII) and value lie in the text, and its value once read.</summary>
    private record struct Member(int NameStart, int NameLength, bool Plain, int ValueStart)
    {
        public Value Value;
        public bool Read;

        public readonly bool Is(ReadOnlySpan<byte> json, string name)
        {
            if (Plain)
            {
                return NameLength == name.Length && System.Text.Ascii.Equals(json.Slice(NameStart, NameLength), name);
            }

            // Escaped or beyond ASCII: compare the decoded text.
            var reader = new Utf8JsonReader(json[(NameStart - 1)..]);
            reader.Read();
            return reader.ValueTextEquals(name);
        }
    }
}
