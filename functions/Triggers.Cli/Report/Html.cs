using System.Globalization;
using System.Net;

namespace Triggers.Cli.Report;

/// <summary>
/// Escaping and number formatting for the journey map. Every value in it comes from customers' events (account ids,
/// trait values), so text goes through <see cref="E"/>; numbers are invariant so a German machine writes 12.5, not 12,5.
/// </summary>
internal static class Html
{
    public static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Escapes text for an element or a double-quoted attribute (&lt; &gt; &amp; &quot; &#39;), its control and
    /// bidirectional formatting characters written as escapes first (<c>\u202e</c>), as in the terminal: a browser
    /// reorders the text after a right-to-left override, so an account id could show as another. Line breaks and tabs
    /// are white space on a page, and stay.
    /// </summary>
    public static string E(string? text) => WebUtility.HtmlEncode(Triggers.Core.Explaining.LineText.EscapeHidden(text));

    public static string N(double value, string format = "0.#") => value.ToString(format, Inv);

    public static string N(double? value, string format = "0.#", string none = "–") => value is { } v ? N(v, format) : none;

    /// <summary>A count with thousands separators: 100,000.</summary>
    public static string C(long value) => value.ToString("N0", Inv);

    /// <summary>
    /// A share as a whole percentage, with as many decimals as it takes not to show 0% or 100% for a share that is
    /// neither: 199 of 200 moving on is 99.5%, not "100% move on" while one account was lost.
    /// </summary>
    public static string Percent(double? value)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var percent = v * 100;
        var text = N(percent, "0");
        foreach (var format in new[] { "0.#", "0.##", "0.###" })
        {
            if ((text != "0" || percent <= 0) && (text != "100" || percent >= 100))
            {
                break;
            }

            text = N(percent, format);
        }

        return text + "%";
    }

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", Inv);

    public static string Plural(long n, string one, string many) => $"{C(n)} {(n == 1 ? one : many)}";
}
