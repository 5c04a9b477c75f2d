using System.Globalization;

namespace Triggers.Core.Expressions;

/// <summary>
/// How a number is written into JSON (webhook bodies, email data, emitted events, objects rendered as text).
/// <para>
/// The rule is ECMAScript's Number-to-String, which is what <c>JSON.stringify</c> writes and what RFC 8785 (JSON
/// canonicalization) prescribes: the shortest digits that read back as the same double, so a receiver parses exactly
/// the value the engine held (<c>0.1 + 0.2</c> is <c>0.30000000000000004</c>, <c>10000000000000000 / 3</c> is
/// <c>3333333333333333.5</c>, never a 15-digit approximation); in plain decimals from 10^-6 up to below 10^21, so
/// whole numbers up to 21 digits (counts, ids, cents) read as written; otherwise with an exponent
/// (<c>1e+21</c>, <c>1.5e-7</c>). Minus zero is written <c>0</c>, as in text. Text templates have their own rule
/// (<see cref="Value.ToString"/>: 15 significant digits, so arithmetic noise does not show to a person).
/// </para>
/// <para>
/// A number read from an event whose digits a double cannot hold (an id of 19 digits, beyond 2^53) keeps its text
/// (<see cref="Value.NumberText"/>) and is written as the event gave it: see <see cref="Holds"/>.
/// </para>
/// </summary>
internal static class JsonNumberFormat
{
    /// <summary>Room for any number this writes: at most 25 bytes (-0.00000 and 17 digits; 21 digits and a sign when whole).</summary>
    public const int MaxLength = 32;

    // Doubles are exact whole numbers up to 2^53: such values are written as integers without the float formatter.
    private const double ExactWhole = 9007199254740992d;

    /// <summary>Writes <paramref name="number"/> (finite) as JSON into <paramref name="into"/> (at least <see cref="MaxLength"/> bytes); returns the length.</summary>
    public static int Write(double number, Span<byte> into)
    {
        if (number == Math.Floor(number) && Math.Abs(number) <= ExactWhole)
        {
            ((long)number).TryFormat(into, out var whole, default, CultureInfo.InvariantCulture); // -0 reads as 0
            return whole;
        }

        Span<byte> digits = stackalloc byte[MaxLength];
        var k = Shortest(number, digits, out var n);
        var at = 0;
        if (number < 0)
        {
            into[at++] = (byte)'-';
        }

        if (k <= n && n <= 21)
        {
            // Whole: the digits, then zeros up to the point (123456789012345680, not 1.2345678901234568e+17).
            digits[..k].CopyTo(into[at..]);
            into.Slice(at + k, n - k).Fill((byte)'0');
            return at + n;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(into[at..]);
            into[at + n] = (byte)'.';
            digits[n..k].CopyTo(into[(at + n + 1)..]);
            return at + k + 1;
        }

        if (-6 < n && n <= 0)
        {
            into[at++] = (byte)'0';
            into[at++] = (byte)'.';
            into.Slice(at, -n).Fill((byte)'0');
            at -= n;
            digits[..k].CopyTo(into[at..]);
            return at + k;
        }

        into[at++] = digits[0];
        if (k > 1)
        {
            into[at++] = (byte)'.';
            digits[1..k].CopyTo(into[at..]);
            at += k - 1;
        }

        into[at++] = (byte)'e';
        into[at++] = n - 1 < 0 ? (byte)'-' : (byte)'+';
        Math.Abs(n - 1).TryFormat(into[at..], out var exponent, default, CultureInfo.InvariantCulture);
        return at + exponent;
    }

    /// <summary>
    /// Whether <paramref name="number"/>, written by <see cref="Write"/>, is the very number the JSON number
    /// <paramref name="token"/> spells (the same decimal digits at the same place), so the token's text need not be kept.
    /// Up to 15 significant digits it always is (a double holds any such decimal in its normal range); longer tokens are compared.
    /// </summary>
    public static bool Holds(ReadOnlySpan<byte> token, double number)
    {
        if (Math.Abs(number) < SmallestNormal && !ZeroAsWritten(token, number))
        {
            return false; // below a double's normal range (1e-400 read as 0, 1.5e-320 with digits lost): keep the text
        }

        if (token.Length <= 15)
        {
            return true; // at most 15 digits
        }

        Span<byte> given = token.Length <= 256 ? stackalloc byte[token.Length] : new byte[token.Length];
        var length = Decimal(token, given, out var point);
        if (length <= 15)
        {
            return true;
        }

        Span<byte> held = stackalloc byte[MaxLength];
        var k = Shortest(number, held, out var n);
        return k == length && n == point && held[..k].SequenceEqual(given[..length]);
    }

    private const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>Whether <paramref name="number"/> is zero and <paramref name="token"/> spells zero (no digit but 0 before its exponent).</summary>
    private static bool ZeroAsWritten(ReadOnlySpan<byte> token, double number)
    {
        if (number != 0)
        {
            return false;
        }

        var exponent = token.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponent < 0 ? token : token[..exponent];
        return mantissa.IndexOfAnyInRange((byte)'1', (byte)'9') < 0;
    }

    /// <summary>
    /// The shortest digits that read back as <paramref name="number"/> (non-zero), without leading or trailing zeros,
    /// and where the decimal point goes: the value is 0.DIGITS × 10^<paramref name="n"/>. Returns how many digits.
    /// </summary>
    private static int Shortest(double number, Span<byte> digits, out int n)
    {
        // "R" is the shortest round-trip form (1.2345678901234568E+17, 0.0001, 1E-07): its digits and exponent, laid out anew.
        Span<byte> text = stackalloc byte[MaxLength];
        Math.Abs(number).TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
        return Decimal(text[..written], digits, out n);
    }

    /// <summary>
    /// The significant digits of a number's text (JSON, or .NET's "R": an optional sign, digits with an optional point,
    /// an optional exponent) and where the point goes, as <see cref="Shortest"/> gives them; returns how many digits.
    /// </summary>
    private static int Decimal(ReadOnlySpan<byte> text, Span<byte> digits, out int n)
    {
        var exponentAt = text.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = 0;
        if (exponentAt >= 0)
        {
            // A JSON exponent too long for an int is a number of no use to anyone: its digits are compared as they are.
            int.TryParse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
        }

        var count = 0;
        var beforePoint = 0;
        var leadingZeros = 0;
        var inFraction = false;
        foreach (var c in mantissa)
        {
            if (c == '.')
            {
                inFraction = true;
            }
            else if (c is >= (byte)'0' and <= (byte)'9')
            {
                beforePoint += inFraction ? 0 : 1;
                if (count == 0 && c == '0')
                {
                    leadingZeros++;
                }
                else
                {
                    digits[count++] = c;
                }
            }
        }

        while (count > 0 && digits[count - 1] == '0')
        {
            count--;
        }

        n = beforePoint - leadingZeros + exponent;
        return count;
    }
}
