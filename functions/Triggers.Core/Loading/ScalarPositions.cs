using Triggers.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>
/// Where each character of a scalar's value sits in the file. A value is not its source text: a folded <c>&gt;</c> or
/// plain scalar joins lines, a literal <c>|</c> block drops its indentation, quotes double (<c>''</c>) and escapes
/// (<c>\"</c>, <c>\u00e9</c>) take more characters than they stand for. So the source is read alongside the value and every
/// character that is not white space is found where it was written; an error then points at the token in the file.
/// </summary>
internal static class ScalarPositions
{
    /// <summary>
    /// A function from an offset into <paramref name="node"/>'s value to its place in the file, or null when the value
    /// cannot be lined up with <paramref name="text"/> (then counting from the scalar's start is the best there is).
    /// </summary>
    public static Func<int, SourceLocation>? Of(string file, string text, YamlScalarNode node)
    {
        var value = node.Value ?? "";
        var start = (int)node.Start.Index;
        var end = Math.Min((int)node.End.Index, text.Length);
        if (start < 0 || start >= end || (int)node.Start.Line < 1)
        {
            return null;
        }

        if (text[start] == '*')
        {
            // A copy of an anchored value, placed at an alias (TrackingParser): its text is elsewhere, so every place
            // in it is the alias, which is where this use of the value is wrong (the anchor has its own report).
            var alias = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
            return _ => alias;
        }

        var from = node.Style switch
        {
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => start + 1,
            ScalarStyle.Literal or ScalarStyle.Folded => text.IndexOf('\n', start, end - start) is var newline and >= 0 ? newline + 1 : -1, // after the header line
            _ => start,
        };
        if (from < 0)
        {
            return null;
        }

        var at = Align(value, text, from, end, node.Style);
        if (at is null)
        {
            return null;
        }

        var origin = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        return offset => Locate(text, start, origin, at[Math.Clamp(offset, 0, value.Length)]);
    }

    /// <summary>For each offset into the value (and its end), the index into the file's text it was read from.</summary>
    private static int[]? Align(string value, string text, int from, int end, ScalarStyle style)
    {
        var doubled = style == ScalarStyle.SingleQuoted;
        var escaped = style == ScalarStyle.DoubleQuoted;
        var at = new int[value.Length + 1];
        var r = from;
        var afterLastToken = from;
        for (var v = 0; v < value.Length; v++)
        {
            var c = value[v];
            if (char.IsWhiteSpace(c))
            {
                // Spaces and line breaks may be folded, stripped or escaped: no token starts there, so near is enough.
                at[v] = r;
                if (r < end && text[r] == c)
                {
                    r++;
                }
                else if (escaped && r + 1 < end && text[r] == '\\' && text[r + 1] is not ('\n' or '\r'))
                {
                    r += EscapeLength(text, r);
                }

                continue;
            }

            while (r < end && (char.IsWhiteSpace(text[r]) || (escaped && text[r] == '\\' && r + 1 < end && text[r + 1] is '\n' or '\r')))
            {
                r += char.IsWhiteSpace(text[r]) ? 1 : 2; // an escaped line break stands for nothing
            }

            if (r >= end)
            {
                return null;
            }

            at[v] = r;
            if (escaped && text[r] == '\\')
            {
                var length = EscapeLength(text, r);
                if (text[r + 1] == 'U' && char.IsHighSurrogate(c) && v + 1 < value.Length)
                {
                    at[++v] = r; // one escape, two UTF-16 characters
                }

                r += length;
            }
            else if (doubled && c == '\'' && r + 1 < end && text[r] == '\'' && text[r + 1] == '\'')
            {
                r += 2;
            }
            else if (text[r] == c)
            {
                r++;
            }
            else
            {
                return null;
            }

            afterLastToken = r;
        }

        at[value.Length] = value.Length > 0 && char.IsWhiteSpace(value[^1]) ? afterLastToken : r;
        return at;
    }

    private static int EscapeLength(string text, int backslash) =>
        backslash + 1 >= text.Length ? 1 : text[backslash + 1] switch
        {
            'x' => 4,
            'u' => 6,
            'U' => 10,
            _ => 2,
        };

    /// <summary>The line and column of <paramref name="index"/>, counted from the scalar's start, as YAML counts them.</summary>
    private static SourceLocation Locate(string text, int start, SourceLocation origin, int index)
    {
        var line = origin.Line;
        var lineStart = -1;
        for (var i = start; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return lineStart < 0 ? origin.Advance(index - start) : origin with { Line = line, Column = 1 + index - lineStart };
    }
}
