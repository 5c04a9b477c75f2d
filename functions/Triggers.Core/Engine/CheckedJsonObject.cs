using System.Buffers;

namespace Triggers.Core.Engine;

/// <summary>What a member's value is, as <see cref="CheckedJsonObject"/> tells it.</summary>
internal enum JsonKind : byte
{
    String,
    Number,
    True,
    False,
    Null,
    Object,
    Array,
}

/// <summary>
/// Steps through the members of a JSON object that a validating reader has already checked: an event's
/// <c>data</c>, which the event parser stepped over with <see cref="System.Text.Json.Utf8JsonReader"/> before the
/// event was accepted. Nothing is checked again, so a member costs a search for its quotes and delimiters, not a
/// token-by-token state machine: a replay reads the traits of every <c>account.updated</c> and
/// <c>user.updated</c> event this way, and the members conditions ask for. Names and values come as raw tokens
/// (strings with their quotes, nested objects and arrays whole), decoded only by the caller that wants the text.
/// Text that is not valid JSON is a caller's bug: it is met with <see cref="InvalidDataException"/> (never a
/// read outside the span), not with a position and a reason as the event parser gives.
/// </summary>
internal ref struct CheckedJsonObject
{
    private static readonly SearchValues<byte> StringEnds = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structure = SearchValues.Create("{}[]\""u8);

    private readonly ReadOnlySpan<byte> _json;
    private int _at;
    private int _name;
    private int _nameEnd;
    private int _valueEnd;

    /// <param name="json">One JSON value (whitespace around it allowed); members are read only if it is an object.</param>
    public CheckedJsonObject(ReadOnlySpan<byte> json)
    {
        _json = json;
        var at = Space(0);
        IsObject = at < json.Length && json[at] == (byte)'{';
        _at = IsObject ? at + 1 : json.Length;
    }

    /// <summary>Whether the text is an object (else <see cref="Next"/> finds no member).</summary>
    public bool IsObject { get; }

    /// <summary>The current member's name token, quotes included.</summary>
    public readonly ReadOnlySpan<byte> Name => _json[_name.._nameEnd];

    /// <summary>Whether the name holds an escape (<c>\"</c>, <c>\u00e9</c>): its bytes are then not its text.</summary>
    public bool NameEscaped { get; private set; }

    public JsonKind Kind { get; private set; }

    /// <summary>The current member's value token: a string with its quotes, a number's or literal's text, a nested object or array whole.</summary>
    public readonly ReadOnlySpan<byte> Value => _json[ValueStart.._valueEnd];

    /// <summary>Where <see cref="Value"/> starts in the text (for callers that keep a nested object as a slice of their own memory).</summary>
    public int ValueStart { get; private set; }

    /// <summary>Whether a string value holds an escape.</summary>
    public bool ValueEscaped { get; private set; }

    /// <summary>Moves to the next member; false at the end of the object.</summary>
    public bool Next()
    {
        var json = _json;
        var at = Space(_at);
        if (at >= json.Length || json[at] == (byte)'}')
        {
            _at = json.Length;
            return false;
        }

        if (json[at] == (byte)',')
        {
            at = Space(at + 1);
        }

        var end = StringEnd(at, out var escaped);
        (_name, _nameEnd, NameEscaped) = (at, end, escaped);
        at = Space(end);
        if (at >= json.Length || json[at] != (byte)':')
        {
            throw NotChecked();
        }

        at = Space(at + 1);
        if (at >= json.Length)
        {
            throw NotChecked();
        }

        escaped = false;
        switch (json[at])
        {
            case (byte)'"':
                (Kind, end) = (JsonKind.String, StringEnd(at, out escaped));
                break;
            case (byte)'{':
                (Kind, end) = (JsonKind.Object, NestedEnd(at));
                break;
            case (byte)'[':
                (Kind, end) = (JsonKind.Array, NestedEnd(at));
                break;
            case (byte)'t':
                (Kind, end) = (JsonKind.True, at + 4);
                break;
            case (byte)'f':
                (Kind, end) = (JsonKind.False, at + 5);
                break;
            case (byte)'n':
                (Kind, end) = (JsonKind.Null, at + 4);
                break;
            default:
                (Kind, end) = (JsonKind.Number, NumberEnd(at));
                break;
        }

        if (end > json.Length || end == at)
        {
            throw NotChecked();
        }

        (ValueStart, _valueEnd, ValueEscaped, _at) = (at, end, escaped, end);
        return true;
    }

    /// <summary>
    /// Whether the current string value's text is <paramref name="text"/>: a merge asks it of every trait an update
    /// repeats, so unescaped values are compared as bytes (ASCII directly, other text against its UTF-8 on the
    /// stack), without a string.
    /// </summary>
    public readonly bool ValueIs(string text)
    {
        var contents = Value[1..^1];
        if (!ValueEscaped)
        {
            if (System.Text.Ascii.IsValid(contents))
            {
                return System.Text.Ascii.Equals(contents, text); // false for any text with a non-ASCII character
            }

            if (text.Length <= 256)
            {
                Span<byte> utf8 = stackalloc byte[text.Length * 3];
                return contents.SequenceEqual(utf8[..System.Text.Encoding.UTF8.GetBytes(text, utf8)]);
            }
        }

        return string.Equals(EventParser.Text(Value), text, StringComparison.Ordinal);
    }

    private readonly int Space(int at)
    {
        var json = _json;
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            at++;
        }

        return at;
    }

    /// <summary>Just past the string token that starts at <paramref name="at"/> (its opening quote).</summary>
    private readonly int StringEnd(int at, out bool escaped)
    {
        var json = _json;
        if (at >= json.Length || json[at] != (byte)'"')
        {
            throw NotChecked();
        }

        escaped = false;
        at++;
        while (true)
        {
            var found = at <= json.Length ? json[at..].IndexOfAny(StringEnds) : -1;
            if (found < 0)
            {
                throw NotChecked();
            }

            at += found;
            if (json[at] == (byte)'"')
            {
                return at + 1;
            }

            escaped = true;
            at += 2; // the backslash and the character it escapes (a \u escape's hex digits hold no quote or backslash)
        }
    }

    /// <summary>Just past the object or array that starts at <paramref name="at"/>.</summary>
    private readonly int NestedEnd(int at)
    {
        var json = _json;
        var depth = 0;
        while (true)
        {
            var found = json[at..].IndexOfAny(Structure);
            if (found < 0)
            {
                throw NotChecked();
            }

            at += found;
            switch (json[at])
            {
                case (byte)'"':
                    at = StringEnd(at, out _);
                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    break;
            }

            at++;
            if (depth == 0)
            {
                return at;
            }
        }
    }

    private readonly int NumberEnd(int at)
    {
        var json = _json;
        while (at < json.Length && json[at] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            at++;
        }

        return at;
    }

    private static InvalidDataException NotChecked() =>
        new("an event's data was read as checked JSON but is not valid JSON; it should have been rejected when the event was parsed");
}
