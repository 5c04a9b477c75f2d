using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Triggers.Core.Expressions;

/// <summary>
/// How text is escaped in the JSON the engine writes (webhook bodies, email data, emitted events, the outcome lines
/// of <c>simulate --format json</c>): as UTF-8, readable (<c>"Zoë Müller"</c>, <c>"東京"</c>, <c>"👍"</c>, not
/// <c>"Zo\u00EB"</c>), escaping only what JSON requires and what would hide in or break a line:
/// <list type="bullet">
/// <item>the quote and the backslash (<c>\"</c>, <c>\\</c>), and every control character, C0, DEL and C1
/// (<c>\n</c>, <c>\t</c>, <c>\u0001</c>, <c>\u0085</c>);</item>
/// <item>U+2028 and U+2029, which end a line in JavaScript source and in some log viewers;</item>
/// <item>the bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): unseen, they
/// reorder what a terminal or an editor shows of the line around them (<c>jq</c> or <c>cat</c> of the outcome lines), as
/// tables and <c>explain</c> escape them too;</item>
/// <item>a lone surrogate, which UTF-8 cannot carry: it becomes U+FFFD, the replacement character.</item>
/// </list>
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and <c>'</c> are written as they are. The writer's default escapes them so that
/// JSON can sit inside an HTML page; nothing here is put in a page: payloads go out as <c>application/json</c>, and
/// an email template (Handlebars) escapes what it inserts into HTML itself, from the decoded text, so escaping in the
/// JSON would protect nothing and only make the payload harder to read.
/// </summary>
internal sealed class ReadableJsonEncoder : JavaScriptEncoder
{
    public static readonly ReadableJsonEncoder Instance = new();

    /// <summary>Options for a JSON writer that escapes this way.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Instance };

    // The bidirectional formatting characters (declared before the sets made from it).
    private static readonly char[] Bidirectional = ['\u061C', '\u200E', '\u200F', .. Range(0x202A, 0x202E), .. Range(0x2066, 0x2069)];

    // Any char that may need escaping; a surrogate is then kept when it is half of a pair.
    private static readonly SearchValues<char> Candidates = SearchValues.Create(
        [.. Range(0, 0x1F), '"', '\\', .. Range(0x7F, 0x9F), '\u2028', '\u2029', .. Bidirectional, .. Range(0xD800, 0xDFFF)]);


    // Any byte that may begin text needing escaping: ASCII ones escape; non-ASCII ones are decoded to see.
    private static readonly SearchValues<byte> CandidateBytes = SearchValues.Create(
        [.. Range(0, 0x1F).Select(c => (byte)c), (byte)'"', (byte)'\\', .. Range(0x7F, 0xFF).Select(c => (byte)c)]);

    private ReadableJsonEncoder()
    {
    }

    // Each escape is at most six characters (\uXXXX) for one input character, the most the JSON writer allows for.
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => Escapes(unicodeScalar);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var chars = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < chars.Length; i++)
        {
            var next = chars[i..].IndexOfAny(Candidates);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (!char.IsHighSurrogate(chars[i]) || i + 1 == chars.Length || !char.IsLowSurrogate(chars[i + 1]))
            {
                return i;
            }

            i++; // a pair: a character beyond the first 65,536, written as it is
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length;)
        {
            var next = utf8Text[i..].IndexOfAny(CandidateBytes);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (utf8Text[i] < 0x80 ||
                Rune.DecodeFromUtf8(utf8Text[i..], out var rune, out var length) != OperationStatus.Done || Escapes(rune.Value))
            {
                return i;
            }

            i += length;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var into = new Span<char>(buffer, bufferLength);
        numberOfCharactersWritten = 0;
        if (!Escapes(unicodeScalar))
        {
            return new Rune(unicodeScalar).TryEncodeToUtf16(into, out numberOfCharactersWritten);
        }

        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => null,
        };
        if (escape is not null)
        {
            if (!escape.TryCopyTo(into))
            {
                return false;
            }

            numberOfCharactersWritten = escape.Length;
            return true;
        }

        if (!Rune.IsValid(unicodeScalar))
        {
            return new Rune(0xFFFD).TryEncodeToUtf16(into, out numberOfCharactersWritten); // a lone surrogate
        }

        if (into.Length < 6)
        {
            return false;
        }

        "\\u".CopyTo(into);
        unicodeScalar.TryFormat(into[2..], out _, "X4", System.Globalization.CultureInfo.InvariantCulture);
        numberOfCharactersWritten = 6;
        return true;
    }

    private static bool Escapes(int scalar) =>
        scalar is < 0x20 or '"' or '\\' or (>= 0x7F and <= 0x9F) or 0x2028 or 0x2029 or 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E)
            or (>= 0x2066 and <= 0x2069) || !Rune.IsValid(scalar);

    private static IEnumerable<char> Range(int first, int last) => Enumerable.Range(first, last - first + 1).Select(c => (char)c);
}
