using System.Text.Json;

namespace Triggers.Core.Engine;

/// <summary>Reads JSON numbers as the expression language holds them (doubles), whole numbers without the float parser.</summary>
internal static class JsonNumber
{
    /// <summary>The reader's number token as a double: the same value <see cref="Utf8JsonReader.GetDouble"/> gives.</summary>
    public static double Read(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || Whole(reader.ValueSpan) is not { } whole ? reader.GetDouble() : whole;

    /// <summary>
    /// A number token's text (checked JSON) as a double, the same value <see cref="Utf8JsonReader.GetDouble"/> gives.
    /// Traits and event data are mostly counts (seats, scores, users), and up to 15 digits a whole number is exact in
    /// a double, so those are summed digit by digit; anything else (signs, fractions, exponents, longer) goes to the parser.
    /// </summary>
    public static double Parse(ReadOnlySpan<byte> token)
    {
        if (Whole(token) is { } whole)
        {
            return whole;
        }

        var reader = new Utf8JsonReader(token); // a number alone is a JSON document
        reader.Read();
        return reader.GetDouble();
    }

    private static double? Whole(ReadOnlySpan<byte> digits)
    {
        if (digits.Length is 0 or > 15)
        {
            return null;
        }

        long whole = 0;
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return null;
            }

            whole = (whole * 10) + digit;
        }

        return whole;
    }
}
