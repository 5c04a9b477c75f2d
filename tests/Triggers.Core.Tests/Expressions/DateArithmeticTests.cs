using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

public class DateArithmeticTests
{
    [Theory]
    [InlineData("90d", "Duration:90d")]
    [InlineData("-90d", "Duration:-90d")]
    [InlineData("2w", "Duration:14d")]
    [InlineData("45m", "Duration:45m")]
    [InlineData("1d + 12h", "Duration:1d 12h")]
    [InlineData("1w - 1d", "Duration:6d")]
    [InlineData("2 * 1d", "Duration:2d")]
    [InlineData("1d * 2", "Duration:2d")]
    [InlineData("1w / 7", "Duration:1d")]
    [InlineData("1d / 1h", "Number:24")]
    [InlineData("-(1d)", "Duration:-1d")]
    public void Duration_Arithmetic_Computes(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("event.time + 1d", "Time:2026-01-06T10:00:00Z")]
    [InlineData("1d + event.time", "Time:2026-01-06T10:00:00Z")]
    [InlineData("event.time - 90d", "Time:2025-10-07T10:00:00Z")]
    [InlineData("account.renewal_date - 90d", "Time:2026-01-01T00:00:00Z")]
    [InlineData("account.renewal_date + 1d", "Time:2026-04-02T00:00:00Z")]
    [InlineData("'2026-04-01' - 1w", "Time:2026-03-25T00:00:00Z")]
    [InlineData("account.renewal_date - account.subscription_start", "Duration:365d")]
    [InlineData("date(account.renewal_date) - event.time", "Duration:85d 14h")]
    [InlineData("event.time - '2026-01-04T10:00:00Z'", "Duration:1d")]
    [InlineData("round(days(account.renewal_date - event.time))", "Number:86")]
    [InlineData("account.name - 1d", "Null:")]
    [InlineData("event.time - account.name", "Null:")]
    public void Time_Arithmetic_TreatsIsoTextAsTime(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("account.renewal_date - 90d < event.time", "Bool:true")]
    [InlineData("account.renewal_date - 80d < event.time", "Bool:false")]
    [InlineData("event.time > '2026-01-01'", "Bool:true")]
    [InlineData("'2026-01-01' < event.time", "Bool:true")]
    [InlineData("event.time == '2026-01-05T10:00:00Z'", "Bool:true")]
    [InlineData("event.time == '2026-01-05T11:00:00+01:00'", "Bool:true")]
    [InlineData("event.time == '2026-01-05 10:00:00'", "Bool:true")]
    [InlineData("event.time == '2026-01-05t10:00:00z'", "Bool:true")]
    [InlineData("event.time == '2026-01-05T10:00'", "Bool:true")]
    [InlineData("event.time == '2026-01-05T10:00:00.000+0000'", "Bool:true")]
    [InlineData("event.time >= account.renewal_date", "Bool:false")]
    [InlineData("event.time < account.name", "Null:")]
    [InlineData("event.time - account.subscription_start > 30d", "Bool:true")]
    public void Time_Comparison_ParsesTextBesideTime(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("date('2024-02-29')", "Time:2024-02-29T00:00:00Z")]
    [InlineData("date('2000-02-29')", "Time:2000-02-29T00:00:00Z")]
    [InlineData("date('0001-01-01') + 1d", "Time:0001-01-02T00:00:00Z")]
    [InlineData("date('9999-12-31') - 1d", "Time:9999-12-30T00:00:00Z")]
    public void PlainDate_IsMidnightUtc(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("2026-02-29")]
    [InlineData("1900-02-29")]
    [InlineData("2026-04-31")]
    [InlineData("2026-13-01")]
    [InlineData("2026-00-10")]
    [InlineData("2026-01-00")]
    [InlineData("0000-01-01")]
    [InlineData("2026/01/05")]
    [InlineData("2026-1-005")]
    [InlineData("2026-01-5 ")]
    [InlineData("+2026-01-5")]
    [InlineData("２０２６-01-05")]
    public void PlainDate_ThatIsNoDay_IsRefusedWhereWritten(string text) =>
        Assert.Contains($"'{text}' is not a date or time", SingleError($"date('{text}')").Message);

    [Fact]
    public void PlainDate_ReadsAsTheGeneralIsoReadingDoes_ForEveryDayOfFourYears()
    {
        // Every yyyy-MM-dd text of 2023-2026, and the impossible days 29-31 of every month: the quick reading of a
        // plain date must agree with .NET's ISO reading of it, day for day.
        for (var year = 2023; year <= 2026; year++)
        {
            for (var month = 1; month <= 12; month++)
            {
                for (var day = 1; day <= 31; day++)
                {
                    var text = $"{year:D4}-{month:D2}-{day:D2}";
                    var expected = DateTimeOffset.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var reference);
                    Assert.Equal(expected, Triggers.Core.Expressions.Value.TryParseTime(text, out var time));
                    Assert.Equal(expected ? reference.UtcTicks : 0, time.UtcTicks);
                }
            }
        }
    }

    [Theory]
    [InlineData("2026-01-05T10:00:00.12345678Z")]
    [InlineData("2026-01-05T10:00:00.123456789+00:00")]
    [InlineData("2026-01-05 10:00:00.1234567999")]
    public void TimeFinerThan100ns_IsCutInTraits_AsInEventsAndTests(string text)
    {
        var tick = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

        Assert.True(Triggers.Core.Expressions.Value.TryParseTime(text, out var trait));
        Assert.True(Triggers.Core.Loading.NodeRules.TryParseTimestamp(text.Replace(' ', 'T'), out var test));

        Assert.Equal(tick, trait);
        Assert.Equal(tick, test);
    }
}
