using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>
/// Exposes a JSON object given as UTF-8 text (an event's <c>data</c>) to expressions by scanning its members on
/// each lookup: conditions read one to three members of a small object, which costs less than building a document
/// for it (or a table of its members: measured, one pass per lookup wins up to two different names, and a replay
/// asks an event for about one and a half). A member given twice reads as its last value, as
/// <see cref="JsonDocument"/> reads it. The text must be a valid JSON object (the event parser checked it) and must
/// not change while the value is in use. One object is read by one thread at a time (it remembers its last
/// lookups), and the event that owns it points it at its next event's data (<see cref="Reset"/>) rather than
/// allocating another.
/// </summary>
internal sealed class Utf8JsonObject(ReadOnlyMemory<byte> json) : IValueObject
{
    private ReadOnlyMemory<byte> _json = json;

    // The last two members looked up: a third of lookups on a replayed history ask again for a member another rule
    // (or an explanation) just read from the same event.
    private Remembered _last;
    private Remembered _before;

    /// <summary>Makes this object read another JSON object, forgetting what it read of the last one.</summary>
    public void Reset(ReadOnlyMemory<byte> json) => (_json, _last, _before) = (json, default, default);

    public bool TryGetMember(string name, out Value value)
    {
        if (_last.Is(name))
        {
            value = _last.Value;
            return _last.Found;
        }

        if (_before.Is(name))
        {
            value = _before.Value;
            return _before.Found;
        }

        var found = Scan(name, out value);
        (_before, _last) = (_last, new Remembered(name, value, found));
        return found;
    }

    private bool Scan(string name, out Value value)
    {
        var members = new CheckedJsonObject(_json.Span);
        // An ASCII name equals an unescaped member name only byte for byte: compared so, without transcoding.
        var ascii = System.Text.Ascii.IsValid(name);
        var found = false;
        value = Value.Null;
        while (members.Next())
        {
            if (ascii && !members.NameEscaped ? System.Text.Ascii.Equals(members.Name[1..^1], name) : EventParser.Text(members.Name) == name)
            {
                (value, found) = (Read(in members), true);
            }
        }

        return found;
    }

    public IEnumerable<string> MemberNames
    {
        get
        {
            var names = new List<string>();
            var members = new CheckedJsonObject(_json.Span);
            while (members.Next())
            {
                names.Add(EventParser.Text(members.Name)!);
            }

            return names;
        }
    }

    /// <summary>The member's value: nested objects stay text, arrays become lists.</summary>
    private Value Read(in CheckedJsonObject member) => member.Kind switch
    {
        JsonKind.String => Value.String(EventParser.Text(member.Value)),
        JsonKind.Number => JsonNumber.ToValue(member.Value),
        JsonKind.True => Value.True,
        JsonKind.False => Value.False,
        JsonKind.Object => Value.Object(new Utf8JsonObject(_json.Slice(member.ValueStart, member.Value.Length))),
        JsonKind.Array => List(_json.Slice(member.ValueStart, member.Value.Length)),
        _ => Value.Null,
    };

    /// <summary>An array's items (rare in event data: read with the JSON reader), objects among them kept as text.</summary>
    private static Value List(ReadOnlyMemory<byte> array)
    {
        var reader = new Utf8JsonReader(array.Span);
        reader.Read();
        return Item(ref reader, array);
    }

    /// <summary>The value at the reader (left on its last token), which reads <paramref name="json"/>.</summary>
    private static Value Item(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Value.String(reader.GetString());
            case JsonTokenType.Number:
                return JsonNumber.ToValue(ref reader);
            case JsonTokenType.True:
                return Value.True;
            case JsonTokenType.False:
                return Value.False;
            case JsonTokenType.StartObject:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Value.Object(new Utf8JsonObject(json[start..(int)reader.BytesConsumed]));
            case JsonTokenType.StartArray:
                var items = new List<Value>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Item(ref reader, json));
                }

                return Value.List(items);
            default:
                return Value.Null;
        }
    }

    private readonly record struct Remembered(string? Name, Value Value, bool Found)
    {
        public bool Is(string name) => Name is not null && (ReferenceEquals(Name, name) || string.Equals(Name, name, StringComparison.Ordinal));
    }
}
