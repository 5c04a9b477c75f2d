using System.Buffers;
using System.Text;
using System.Text.Json;
using Triggers.Core.Expressions;

namespace Triggers.Core.Engine;

/// <summary>Reads JSON numbers as the expression language holds them (doubles), whole numbers without the float parser.</summary>
internal static partial class JsonNumber
{
    /// <summary>The reader's number token as a double: the same value <see cref="Utf8JsonReader.GetDouble"/> gives.</summary>
    public static double Read(ref Utf8JsonReader reader) =>
        reader.HasValueSequence || Whole(reader.ValueSpan) is not { } whole ? reader.GetDouble() : whole;

    /// <summary>
    /// A number token (checked JSON) as a value: its double, and its text too when the double does not hold it
    /// exactly (an id beyond 2^53), so that a payload or a text copying it writes what the event said.
    /// </summary>
    public static Value ToValue(ReadOnlySpan<byte> token)
    {
        var number = Parse(token);
        return double.IsFinite(number) && JsonNumberFormat.Holds(token, number) ? Value.Number(number) : Value.Number(number, Encoding.UTF8.GetString(token));
    }

    /// <summary>
    /// A number written in YAML (a playbook's literal, a test's event), already read as <paramref name="number"/>: kept
    /// with its text, as <see cref="ToValue(ReadOnlySpan{byte})"/> keeps a token's, when the text is a JSON number.
    /// </summary>
    public static Value FromText(string text, double number)
    {
        if ((text.Length <= 15 && double.IsFinite(number)) || !JsonSyntax().IsMatch(text))
        {
            return Value.Number(number);
        }

        return double.IsFinite(number) && JsonNumberFormat.Holds(Encoding.UTF8.GetBytes(text), number) ? Value.Number(number) : Value.Number(number, text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex JsonSyntax();

    /// <summary>The reader's number token as a value, as <see cref="ToValue(ReadOnlySpan{byte})"/> reads it.</summary>
    public static Value ToValue(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? ToValue(reader.ValueSequence.ToArray()) : ToValue(reader.ValueSpan);

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
