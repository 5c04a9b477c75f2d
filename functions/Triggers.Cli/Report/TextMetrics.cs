using System.Globalization;
using System.Text;

namespace Triggers.Cli.Report;

/// <summary>
/// How wide text will be drawn, estimated without a font: the charts place labels before any browser sees them. The
/// widths are DejaVu Sans's (the widest of the usual fallbacks; Segoe UI and the system fonts draw narrower), by
/// class of character, rounded up: capitals and m/w are far wider than i/l, and a count of characters alone let a
/// name in capitals run into its neighbour.
/// </summary>
internal static class TextMetrics
{
    public const string Ellipsis = "…";

    /// <summary>Estimated width of <paramref name="text"/> at <paramref name="size"/> units (bold about a tenth wider).</summary>
    public static double Width(string text, double size, bool bold = false)
    {
        var em = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += Em(rune);
        }

        return em * size * (bold ? 1.1 : 1);
    }

    /// <summary>
    /// The text if it fits <paramref name="width"/>, else its longest start that fits with an ellipsis after it (never
    /// half a character: surrogate pairs stay whole), or the ellipsis alone when nothing else fits.
    /// </summary>
    public static string Fit(string text, double width, double size, bool bold = false)
    {
        if (Width(text, size, bold) <= width)
        {
            return text;
        }

        var room = width - Width(Ellipsis, size, bold);
        var kept = new StringBuilder();
        var used = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            used += Em(rune) * size * (bold ? 1.1 : 1);
            if (used > room)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return kept.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>A character's advance in ems, by class.</summary>
    private static double Em(Rune rune)
    {
        if (rune.Value > 0x2E7F)
        {
            return 1.1; // CJK, emoji and the like: a full em or more
        }

        var c = (char)rune.Value;
        return c switch
        {
            'M' or 'W' or '@' or '%' or '…' or '—' => 1.0,
            'm' or 'w' or '&' => 0.98,
            'i' or 'j' or 'l' or 'I' or '!' or '|' or '.' or ',' or ':' or ';' or '\'' or '`' or ' ' => 0.34,
            'f' or 'r' or 't' or '(' or ')' or '[' or ']' or '{' or '}' or '-' or '/' or '"' => 0.45,
            _ when char.IsAsciiDigit(c) => 0.64,
            _ when char.IsAsciiLetterLower(c) => 0.64,
            _ when char.IsAsciiLetterUpper(c) => 0.8,
            _ when char.GetUnicodeCategory(c) is UnicodeCategory.LowercaseLetter => 0.66, // é, ß, ø
            _ => 0.82, // capitals with accents, symbols, other scripts
        };
    }
}
