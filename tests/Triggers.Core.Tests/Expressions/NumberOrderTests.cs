using System.Globalization;
using System.Numerics;
using Triggers.Core.Engine;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>
/// Numbers that carry their text (ids beyond 2^53, numbers beyond a double's range) are ordered by their exact decimal
/// values: checked here against exact arithmetic on big integers for random numbers written every way JSON allows.
/// </summary>
public class NumberOrderTests
{
    [Fact]
    public void Compare_RandomNumbersWrittenAnyWay_AgreesWithExactArithmetic()
    {
        var random = new Random(2112);
        for (var i = 0; i < 20_000; i++)
        {
            var (a, b) = (RandomNumber(random), random.Next(4) == 0 ? RandomNumber(random) : Respelled(RandomNumber(random), random));
            var (x, y) = (Read(a), Read(b));
            var expected = Exact(x).CompareTo(Exact(y));
            Assert.True(expected == Math.Sign(Comparison.Compare(x, y)!.Value), $"{a} against {b}: expected {expected}");
            Assert.Equal(expected == 0, x.Equals(y));
        }
    }

    [Theory]
    [InlineData("1234567890123456789", "1234567890123456788", 1)]
    [InlineData("1234567890123456789", "1234567890123456789.000", 0)]
    [InlineData("12345678901234567890e-1", "1234567890123456789", 0)]
    [InlineData("-0.0", "0", 0)]
    [InlineData("1e400", "1e399", 1)]
    [InlineData("-1e400", "-1e399", -1)]
    [InlineData("1e400", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", 1)]
    public void Compare_ByTheDigitsAsWritten(string a, string b, int expected)
    {
        Assert.Equal(expected, Math.Sign(Comparison.Compare(Read(a), Read(b))!.Value));
        Assert.Equal(-expected, Math.Sign(Comparison.Compare(Read(b), Read(a))!.Value));
    }

    /// <summary>A number token as the engine reads one from an event: its double, and its text when the double does not hold it.</summary>
    private static Value Read(string token) => JsonNumber.ToValue(System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>The exact value of a number read from JSON: its text when it kept one, else the double's shortest form.</summary>
    private static BigRational Exact(Value value) =>
        BigRational.Parse(value.NumberText ?? value.AsNumber.ToString("R", CultureInfo.InvariantCulture));

    private static string RandomNumber(Random random)
    {
        var digits = string.Concat(Enumerable.Range(0, random.Next(1, 25)).Select(_ => (char)('0' + random.Next(10)))).TrimStart('0');
        var text = (random.Next(3) == 0 ? "-" : "") + (digits.Length == 0 ? "0" : digits);
        if (random.Next(3) == 0)
        {
            text += "." + string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)('0' + random.Next(10))));
        }

        if (random.Next(4) == 0)
        {
            text += "e" + random.Next(-30, 30).ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    /// <summary>The same number spelled another way: trailing zeros after a point, or one more digit and one less in the exponent.</summary>
    private static string Respelled(string number, Random random)
    {
        var e = number.IndexOf('e', StringComparison.Ordinal);
        var (mantissa, exponent) = e < 0 ? (number, 0) : (number[..e], int.Parse(number[(e + 1)..], CultureInfo.InvariantCulture));
        var point = mantissa.Contains('.', StringComparison.Ordinal);
        return random.Next(2) == 0 || mantissa.TrimStart('-') == "0" // JSON allows no leading zero: 0 only takes a point
            ? $"{mantissa}{(point ? "" : ".")}{new string('0', random.Next(1, 4))}{(e < 0 ? "" : $"e{exponent}")}"
            : point ? $"{mantissa}0e{exponent}" : $"{mantissa}0e{exponent - 1}";
    }

    /// <summary>A JSON number's exact value as a fraction of big integers (the test's reference, not the engine's code).</summary>
    private readonly record struct BigRational(BigInteger Numerator, BigInteger Denominator) : IComparable<BigRational>
    {
        public static BigRational Parse(string text)
        {
            var e = text.IndexOfAny(['e', 'E']);
            var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var mantissa = e < 0 ? text : text[..e];
            var point = mantissa.IndexOf('.', StringComparison.Ordinal);
            if (point >= 0)
            {
                exponent -= mantissa.Length - point - 1;
                mantissa = mantissa.Remove(point, 1);
            }

            var integer = BigInteger.Parse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return exponent >= 0 ? new(integer * BigInteger.Pow(10, exponent), 1) : new(integer, BigInteger.Pow(10, -exponent));
        }

        public int CompareTo(BigRational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }
}
