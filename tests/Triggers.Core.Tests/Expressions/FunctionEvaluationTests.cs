using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

public class FunctionEvaluationTests
{
    [Theory]
    [InlineData("contains(account.name, 'cm')", "Bool:true")]
    [InlineData("contains(event.data.tags, 'b')", "Bool:true")]
    [InlineData("contains(account.missing, 'b')", "Bool:false")]
    [InlineData("starts_with(account.name, 'Ac')", "Bool:true")]
    [InlineData("starts_with(account.missing, 'a')", "Bool:false")]
    [InlineData("ends_with(account.csm_email, '.com')", "Bool:true")]
    [InlineData("ends_with(account.seats_purchased, '0')", "Null:")]
    [InlineData("lower('AbC')", "String:abc")]
    [InlineData("upper(account.plan)", "String:PRO")]
    [InlineData("lower(account.seats_purchased)", "Null:")]
    [InlineData("len('abc')", "Number:3")]
    [InlineData("len('😀!')", "Number:2")] // characters as a reader counts them, not UTF-16 units
    [InlineData("len('Zoe\u0301')", "Number:3")] // e and a combining accent: one character
    [InlineData("len('café')", "Number:4")]
    [InlineData("len(event.data.tags)", "Number:2")]
    [InlineData("len([])", "Number:0")]
    [InlineData("len(account.missing)", "Null:")]
    [InlineData("date('2026-01-31')", "Time:2026-01-31T00:00:00Z")]
    [InlineData("date(account.renewal_date)", "Time:2026-04-01T00:00:00Z")]
    [InlineData("date(event.time)", "Time:2026-01-05T10:00:00Z")]
    [InlineData("date(account.name)", "Null:")]
    [InlineData("days(36h)", "Number:1.5")]
    [InlineData("hours(1d)", "Number:24")]
    [InlineData("days(account.name)", "Null:")]
    [InlineData("abs(-3)", "Number:3")]
    [InlineData("abs(-2d)", "Duration:2d")]
    [InlineData("abs(account.name)", "Null:")]
    [InlineData("min(3, 5)", "Number:3")]
    [InlineData("max(3, 5)", "Number:5")]
    [InlineData("min('b', 'a')", "String:a")]
    [InlineData("max(1d, 1w)", "Duration:7d")]
    [InlineData("min(event.time, account.renewal_date)", "Time:2026-01-05T10:00:00Z")]
    [InlineData("max(event.time, account.renewal_date)", "String:2026-04-01")]
    [InlineData("min(account.missing, 3)", "Null:")]
    [InlineData("max(account.name, 3)", "Null:")]
    [InlineData("round(2.5)", "Number:3")]
    [InlineData("round(-2.5)", "Number:-3")]
    [InlineData("round(2.4)", "Number:2")]
    [InlineData("round(account.name)", "Null:")]
    [InlineData("coalesce(account.missing, 'x')", "String:x")]
    [InlineData("coalesce(null, null, 3)", "Number:3")]
    [InlineData("coalesce(account.missing)", "Null:")]
    [InlineData("coalesce(account.plan, 'free')", "String:pro")]
    [InlineData("exists(account.plan)", "Bool:true")]
    [InlineData("exists(account.missing)", "Bool:false")]
    [InlineData("exists(null)", "Bool:false")]
    public void Function_Arguments_Computes(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));
}
