using System.Buffers;

namespace Triggers.Core.Engine;

/// <summary>
/// The envelope of an event in its common shape, read and checked in one pass without the JSON reader's token state
/// machine: attribute names without escapes, each known one given once, specversion "1.0", a non-empty source, a time
/// such as <c>2026-01-05T10:00:00Z</c>, data its type can take, and every value (data included) valid JSON by RFC 8259.
/// Whatever this pass is not sure of, it leaves to <see cref="Read"/>, the reader-based parse: any line it would
/// reject, any unusual spelling, nesting deeper than 32. So it never accepts a line the reader rejects, and for a line both accept, the envelope
/// is the same (a differential test feeds both thousands of events and mutations of them).
/// </summary>
public static partial class EventParser
{
    private const int CommonMaxDepth = 32; // the reader allows 64; deeper data is left to it

    // What ends a run of plain string bytes: the closing quote, an escape, or a control character (never allowed raw).
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    internal static bool TryReadCommon(ReadOnlySpan<byte> json, out Envelope envelope)
    {
        envelope = default;
        var at = Space(json, 0);
        if (at >= json.Length || json[at] != (byte)'{')
        {
            return false;
        }

        string? type = null;
        long time = 0;
        var seen = 0;
        Range id = default, account = default, source = default, user = default, subject = default, data = default;
        at = Space(json, at + 1);
        while (true)
        {
            var nameEnd = String(json, at, out var escaped);
            if (nameEnd < 0 || escaped)
            {
                return false;
            }

            var name = Known(json[(at + 1)..(nameEnd - 1)]);
            if (name != Attribute.Other && (seen & (1 << (int)name)) != 0)
            {
                return false; // given twice: the reader's parse decides which counts
            }

            seen |= 1 << (int)name;
            at = Space(json, nameEnd);
            if (at >= json.Length || json[at] != (byte)':')
            {
                return false;
            }

            var start = Space(json, at + 1);
            var end = Value(json, start, depth: 1);
            if (end < 0)
            {
                return false;
            }

            var text = json[start] == (byte)'"';
            var range = new Range(start, end);
            switch (name)
            {
                case Attribute.Type when text && end - start > 2 && !HasEscape(json[start..end]) && json[start + 1] > (byte)' ' && json[end - 2] > (byte)' ':
                    type = Types.Get(json[start..end], escaped: false, out _);
                    break;
                case Attribute.Time when text && TryReadUtcSeconds(json[(start + 1)..(end - 1)], out time):
                    break;
                case Attribute.SpecVersion when json[start..end].SequenceEqual("\"1.0\""u8):
                    break;
                case Attribute.Id when text && end - start > 2 && json[start + 1] > (byte)' ':
                    id = range;
                    break;
                case Attribute.AccountId when text && end - start > 2 && !MaybePadded(json[start..end]):
                    account = range;
                    break;
                case Attribute.Source when text && end - start > 2:
                    source = range;
                    break;
                case Attribute.UserId when text && end - start == 2:
                    break; // "": no user, as null is
                case Attribute.UserId when text && !MaybePadded(json[start..end]):
                    user = range;
                    break;
                case Attribute.Subject when text:
                    subject = range;
                    break;
                case Attribute.Data:
                    data = range;
                    break;
                case Attribute.Other:
                    break;
                case Attribute.UserId or Attribute.Subject when json[start] == (byte)'n':
                    break; // null: not given
                default:
                    return false; // a required attribute the reader's parse would reject or read some other way
            }

            at = Space(json, end);
            if (at >= json.Length)
            {
                return false;
            }

            if (json[at] == (byte)'}')
            {
                break;
            }

            if (json[at] != (byte)',')
            {
                return false;
            }

            at = Space(json, at + 1);
        }

        // Each bit stands for an attribute given in the form taken above (any other form has returned already).
        const int Required = (1 << (int)Attribute.Type) | (1 << (int)Attribute.Time) | (1 << (int)Attribute.Id) | (1 << (int)Attribute.AccountId) |
            (1 << (int)Attribute.SpecVersion) | (1 << (int)Attribute.Source);
        if (Space(json, at + 1) != json.Length || (seen & Required) != Required)
        {
            return false;
        }

        if ((data.End.Value != 0 && json[data.Start.Value] != (byte)'{' && DataProblem(json, data, type!) is not null) ||
            (user.End.Value - user.Start.Value <= 2 && UserProblem(json, user, type!) is not null) ||
            (type is "email.unsubscribed" or "email.bounced" && RecipientProblem(json, data, type) is not null))
        {
            return false; // data or a user the type cannot do without: the reader's parse says why
        }

        envelope = new Envelope(type!, time, id, account, source, user, subject, data);
        return true;
    }

    private static bool HasEscape(ReadOnlySpan<byte> token) => token.IndexOf((byte)'\\') >= 0;

    /// <summary>
    /// Whether a string token may begin or end with white space (a space or a tab, an escape anywhere that could stand
    /// for one, <c>"acme\u0020"</c> ending in a 0, or a character beyond ASCII at either end, such as a no-break space):
    /// the reader's parse decodes it and tells (<see cref="IdProblem"/>).
    /// </summary>
    private static bool MaybePadded(ReadOnlySpan<byte> token) =>
        token.Length > 2 && (token[1] is (byte)' ' or (byte)'\t' or >= 0x80 || token[^2] is (byte)' ' or (byte)'\t' or >= 0x80 ||
                             token[1..^1].Contains((byte)'\\'));

    // Called before and after every token; compact JSON Lines have no whitespace at all, so the common answer is
    // "here", given without a call.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Space(ReadOnlySpan<byte> json, int at) =>
        (uint)at < (uint)json.Length && json[at] > (byte)' ' ? at : SkipSpace(json, at);

    private static int SkipSpace(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && json[at] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            at++;
        }

        return at;
    }

    /// <summary>Just past the valid JSON value that starts at <paramref name="at"/>, or -1 (not one, or not sure).</summary>
    private static int Value(ReadOnlySpan<byte> json, int at, int depth)
    {
        if (at >= json.Length)
        {
            return -1;
        }

        switch (json[at])
        {
            case (byte)'"':
                return String(json, at, out _);
            case (byte)'{':
                return depth >= CommonMaxDepth ? -1 : Object(json, at, depth + 1);
            case (byte)'[':
                return depth >= CommonMaxDepth ? -1 : Array(json, at, depth + 1);
            case (byte)'t':
                return json[at..].StartsWith("true"u8) ? at + 4 : -1;
            case (byte)'f':
                return json[at..].StartsWith("false"u8) ? at + 5 : -1;
            case (byte)'n':
                return json[at..].StartsWith("null"u8) ? at + 4 : -1;
            default:
                return Number(json, at);
        }
    }

    private static int Object(ReadOnlySpan<byte> json, int at, int depth)
    {
        at = Space(json, at + 1);
        if (at < json.Length && json[at] == (byte)'}')
        {
            return at + 1;
        }

        while (true)
        {
            at = String(json, at, out _);
            if (at < 0)
            {
                return -1;
            }

            at = Space(json, at);
            if (at >= json.Length || json[at] != (byte)':')
            {
                return -1;
            }

            at = Value(json, Space(json, at + 1), depth);
            if (at < 0)
            {
                return -1;
            }

            at = Space(json, at);
            if (at >= json.Length)
            {
                return -1;
            }

            if (json[at] == (byte)'}')
            {
                return at + 1;
            }

            if (json[at] != (byte)',')
            {
                return -1;
            }

            at = Space(json, at + 1);
        }
    }

    private static int Array(ReadOnlySpan<byte> json, int at, int depth)
    {
        at = Space(json, at + 1);
        if (at < json.Length && json[at] == (byte)']')
        {
            return at + 1;
        }

        while (true)
        {
            at = Value(json, at, depth);
            if (at < 0)
            {
                return -1;
            }

            at = Space(json, at);
            if (at >= json.Length)
            {
                return -1;
            }

            if (json[at] == (byte)']')
            {
                return at + 1;
            }

            if (json[at] != (byte)',')
            {
                return -1;
            }

            at = Space(json, at + 1);
        }
    }

    /// <summary>Just past the string token that starts at <paramref name="at"/>: no raw control characters, only JSON's escapes.</summary>
    private static int String(ReadOnlySpan<byte> json, int at, out bool escaped)
    {
        escaped = false;
        if (at >= json.Length || json[at] != (byte)'"')
        {
            return -1;
        }

        at++;
        while (true)
        {
            var stop = json[at..].IndexOfAny(StringStops);
            if (stop < 0)
            {
                return -1;
            }

            at += stop;
            switch (json[at])
            {
                case (byte)'"':
                    return at + 1;
                case (byte)'\\' when at + 1 < json.Length:
                    escaped = true;
                    switch (json[at + 1])
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                            at += 2;
                            continue;
                        case (byte)'u' when at + 6 <= json.Length && IsHex(json[at + 2]) && IsHex(json[at + 3]) && IsHex(json[at + 4]) && IsHex(json[at + 5]):
                            at += 6;
                            continue;
                        default:
                            return -1;
                    }

                default:
                    return -1; // a control character, or a backslash at the very end
            }
        }
    }

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);

    /// <summary>Just past the number that starts at <paramref name="at"/>, by JSON's grammar: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>.</summary>
    private static int Number(ReadOnlySpan<byte> json, int at)
    {
        if (at < json.Length && json[at] == (byte)'-')
        {
            at++;
        }

        if (at >= json.Length || !char.IsAsciiDigit((char)json[at]))
        {
            return -1;
        }

        at = json[at] == (byte)'0' ? at + 1 : Digits(json, at);
        if (at < json.Length && json[at] == (byte)'.')
        {
            if (at + 1 >= json.Length || !char.IsAsciiDigit((char)json[at + 1]))
            {
                return -1;
            }

            at = Digits(json, at + 1);
        }

        if (at < json.Length && json[at] is (byte)'e' or (byte)'E')
        {
            at++;
            if (at < json.Length && json[at] is (byte)'+' or (byte)'-')
            {
                at++;
            }

            if (at >= json.Length || !char.IsAsciiDigit((char)json[at]))
            {
                return -1;
            }

            at = Digits(json, at);
        }

        return at;
    }

    private static int Digits(ReadOnlySpan<byte> json, int at)
    {
        while (at < json.Length && char.IsAsciiDigit((char)json[at]))
        {
            at++;
        }

        return at;
    }
}
