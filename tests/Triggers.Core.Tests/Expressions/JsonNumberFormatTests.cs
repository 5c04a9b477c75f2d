using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Expressions;

/// <summary>The rule for numbers in JSON, over doubles of every size (the engine tests show it through playbooks).</summary>
public sealed partial class JsonNumberFormatTests
{
    [Fact]
    public void Write_AnyDouble_IsAJsonNumberThatReadsBackAsIt_PlainFromAMillionthToBelow10To21()
    {
        var random = new Random(21);
        Span<byte> text = stackalloc byte[JsonNumberFormat.MaxLength];
        for (var i = 0; i < 100_000; i++)
        {
            var number = i % 2 == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64())
                : Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 24)), random.Next(0, 4));
            if (!double.IsFinite(number))
            {
                continue;
            }

            var written = Encoding.ASCII.GetString(text[..JsonNumberFormat.Write(number, text)]);

            Assert.Matches(JsonNumber(), written);
            Assert.Equal(number == 0 ? 0 : number, double.Parse(written, CultureInfo.InvariantCulture));
            var plain = number == 0 || Math.Abs(number) is >= 1e-6 and < 1e21;
            Assert.True(plain == !written.Contains('e', StringComparison.Ordinal), $"{number:R} written {written}");
        }
    }

    [Theory]
    [InlineData("12345678901234567890", false)] // the double is 12345678901234567168
    [InlineData("9007199254740993", false)] // 2^53 + 1
    [InlineData("9007199254740992", true)]
    [InlineData("123456789012345", true)] // 15 digits: always held
    [InlineData("1000000000000000000000000", true)] // 1e24: one digit
    [InlineData("0.1000000000000000055511151231257827", false)] // the double's exact value, but not the digits written
    [InlineData("1234567890123456.8", true)]
    [InlineData("1.2345678901234568e17", true)]
    [InlineData("-0.000000000000000000000000000", true)]
    [InlineData("0e5", true)]
    [InlineData("1e-400", false)] // below a double's range: read as 0, so the text is kept
    [InlineData("1.5e-320", false)] // a subnormal double: digits lost
    [InlineData("2.5e-300", true)]
    public void Holds_IsWhetherTheNumberWrittenIsTheOneTheTokenSpells(string token, bool held)
    {
        var number = double.Parse(token, CultureInfo.InvariantCulture);

        Assert.Equal(held, JsonNumberFormat.Holds(Encoding.ASCII.GetBytes(token), number));
    }

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-][0-9]+)?$")]
    private static partial Regex JsonNumber();
}
