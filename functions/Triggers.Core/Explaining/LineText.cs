using System.Buffers;
using System.Text;

namespace Triggers.Core.Explaining;

/// <summary>
/// Text from events (titles, ids, addresses, reasons) made fit for one line of a table or timeline meant for people.
/// A control character would break the line (a newline in a title starts what reads as another outcome) or move the
/// terminal's cursor, so each is written as its escape (<c>\n</c>, <c>\t</c>, <c>\u0001</c>), as are the Unicode
/// line and paragraph separators some viewers break lines at. A quoted value also escapes its quotes and backslashes,
/// so where it ends is never in doubt. JSON output escapes by its own rules and does not come here.
/// </summary>
internal static class LineText
{
    private static readonly SearchValues<char> Breaking = SearchValues.Create(BreakingChars());

    private static readonly SearchValues<char> BreakingInQuotes = SearchValues.Create(BreakingChars() + "\"\\");

    /// <summary><paramref name="text"/> with its control characters escaped; the same string when it has none (the norm).</summary>
    public static string Escape(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(Breaking) < 0 ? text : Escaped(text, Breaking);

    /// <summary><paramref name="text"/> in double quotes, with its quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string? text) =>
        text is null ? "\"\"" : "\"" + (text.AsSpan().IndexOfAny(BreakingInQuotes) < 0 ? text : Escaped(text, BreakingInQuotes)) + "\"";

    private static string Escaped(string text, SearchValues<char> escaped)
    {
        var built = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!escaped.Contains(c))
            {
                built.Append(c);
                continue;
            }

            built.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return built.ToString();
    }

    /// <summary>C0 and C1 controls, DEL, and U+2028 / U+2029.</summary>
    private static string BreakingChars()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c <= '\u009f'; c++)
        {
            if (char.IsControl(c))
            {
                chars.Append(c);
            }
        }

        return chars.Append('\u2028').Append('\u2029').ToString();
    }
}
