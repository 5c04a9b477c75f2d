using System.Globalization;
using System.Net;

namespace Triggers.Cli.Report;

/// <summary>Escaping and number formatting: every value in the report comes from customers' events.</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(double? value, string format = "0.#", string none = "–") => value is { } v ? N(v, format) : none;

    public static string Percent(double? value) => value is { } v ? N(v * 100, "0") + "%" : "–";

    /// <summary>Colour-blind-safe colours (Okabe and Ito), dark enough for text on white where used as text.</summary>
    public static class Palette
    {
        public const string Blue = "#0072B2";
        public const string Orange = "#E69F00";
        public const string Green = "#009E73";
        public const string Vermillion = "#D55E00";
        public const string Purple = "#CC79A7";
        public const string Sky = "#56B4E9";
        public const string Ink = "#1f2328";
        public const string Muted = "#57606a";
        public const string Grid = "#d0d7de";
    }
}
