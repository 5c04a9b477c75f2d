using System.Globalization;
using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;

namespace Triggers.Core.Tests.Engine;

public class JsonNumberTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("51")]
    [InlineData("999999999999999")]
    [InlineData("1000000000000000")]
    [InlineData("9007199254740993")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-5")]
    [InlineData("-0")]
    [InlineData("1.5")]
    [InlineData("0.1")]
    [InlineData("1e3")]
    [InlineData("2E-7")]
    public void Read_AnyJsonNumber_GivesWhatTheReadersParserGives(string number) => AssertSame(number);

    [Fact]
    public void Read_SeededWholeAndFractionalNumbers_GiveWhatTheReadersParserGives()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            var whole = random.NextInt64(0, long.MaxValue) >> random.Next(0, 63);
            AssertSame(whole.ToString(CultureInfo.InvariantCulture));
            AssertSame((random.NextDouble() * Math.Pow(10, random.Next(-5, 20))).ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static void AssertSame(string number)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(number));
        Assert.True(reader.Read());
        var expected = reader.GetDouble();

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(JsonNumber.Read(ref reader)));
    }
}
