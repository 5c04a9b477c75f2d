using System.Globalization;

namespace Triggers.Cli.Report;

/// <summary>
/// Colours of the journey map: the Okabe-Ito palette, which stays distinguishable with the common colour-vision
/// deficiencies, for marks; darker inks for text, each at least 4.5:1 against white (checked by a test).
/// </summary>
internal static class Palette
{
    public const string Blue = "#0072B2";
    public const string Sky = "#56B4E9";
    public const string Orange = "#E69F00";
    public const string Vermillion = "#D55E00";
    public const string Green = "#009E73";

    /// <summary>Text and the outlines that must read on white.</summary>
    public const string Ink = "#1f2328";
    public const string Muted = "#57606a";
    public const string Alert = "#a63d00";
    public const string Link = Blue;

    /// <summary>Backgrounds and rules.</summary>
    public const string Paper = "#ffffff";
    public const string Panel = "#f6f8fa";
    public const string Grid = "#d0d7de";
    public const string BoxFill = "#d6eaf8";

    public static IReadOnlyList<string> TextColours { get; } = [Ink, Muted, Alert, Link];

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours (1 to 21).</summary>
    public static double Contrast(string a, string b)
    {
        double la = Luminance(a), lb = Luminance(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        static double Channel(string hex, int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return 0.2126 * Channel(hex, 1) + 0.7152 * Channel(hex, 3) + 0.0722 * Channel(hex, 5);
    }
}
