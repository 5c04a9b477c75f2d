using System.Buffers;
using System.Text;

namespace Triggers.Core.Explaining;

/// <summary>
/// Text from playbooks and events (titles, ids, addresses, reasons, diagnostics) made fit for one line of a table,
/// timeline or message meant for people in a terminal. A control character would break the line (a newline in a title
/// starts what reads as another outcome) or drive the terminal (ESC starts a sequence that moves the cursor, clears the
/// screen or retitles the window), and a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) or mark
/// (U+200E, U+200F, U+061C) reorders the text after it so that what shows is not what is there. Each is written as its
/// escape (<c>\n</c>, <c>\t</c>, <c>\u001b</c>, <c>\u202e</c>), as are the Unicode line and paragraph separators some
/// viewers break lines at; letters of every script and emoji stay as they are. A quoted value also escapes its quotes
/// and backslashes, so where it ends is never in doubt. JSON output escapes by its own rules and does not come here.
/// </summary>
internal static class LineText
{
    private static readonly SearchValues<char> Breaking = SearchValues.Create(BreakingChars());

    private static readonly SearchValues<char> BreakingInQuotes = SearchValues.Create(BreakingChars() + "\"\\");

    private static readonly SearchValues<char> Hidden = SearchValues.Create(BreakingChars().Replace("\n", "", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal));

    /// <summary>
    /// <paramref name="text"/> with what would hide or reorder it escaped, but its line breaks and tabs kept: for a page,
    /// where they are white space (a stage's description written as a <c>|</c> block keeps its lines).
    /// </summary>
    public static string EscapeHidden(string? text) =>
        text is null ? "" : text.AsSpan().IndexOfAny(Hidden) < 0 ? text : Escaped(text, Hidden);

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

    /// <summary>C0 and C1 controls, DEL, U+2028 / U+2029, and the bidirectional formatting characters.</summary>
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

        return chars.Append('\u2028').Append('\u2029')
            .Append('\u061c').Append('\u200e').Append('\u200f') // Arabic letter mark, left-to-right and right-to-left marks
            .Append("\u202a\u202b\u202c\u202d\u202e") // embeddings, pop, overrides
            .Append("\u2066\u2067\u2068\u2069") // isolates, pop
            .ToString();
    }
}
