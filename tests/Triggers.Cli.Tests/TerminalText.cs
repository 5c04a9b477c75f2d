namespace Triggers.Cli.Tests;

/// <summary>What output meant for a terminal must not hold: characters that drive it or reorder what it shows.</summary>
internal static class TerminalText
{
    /// <summary>The first control character (other than a line break or tab) or bidirectional formatting character, if any.</summary>
    public static void AssertSafe(string output)
    {
        var bad = output.Select((c, i) => (c, i)).FirstOrDefault(p => IsUnsafe(p.c));
        Assert.True(bad == default, $"U+{(int)bad.c:X4} at {bad.i}: {output[Math.Max(0, bad.i - 40)..Math.Min(output.Length, bad.i + 40)]}");
    }

    private static bool IsUnsafe(char c) =>
        (char.IsControl(c) && c is not ('\n' or '\t')) || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
