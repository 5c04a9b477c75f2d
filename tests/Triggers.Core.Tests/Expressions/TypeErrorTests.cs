using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

/// <summary>TRG102. Every expression starts at p.yaml line 7, column 12, so column = 12 + offset.</summary>
public class TypeErrorTests
{
    [Theory]
    [InlineData("\"abc\" > 3", 18, "cannot compare text with a number")]
    [InlineData("account.plan == 'a' or 3 == 'a'", 37, "cannot compare a number with text")]
    [InlineData("1 + true", 14, "cannot add a number and true/false")]
    [InlineData("'a' - 'b'", 16, "cannot subtract text from text")]
    [InlineData("\"a\" * 2", 16, "cannot multiply text by a number")]
    [InlineData("1d / 'a'", 15, "cannot divide a duration by text")]
    [InlineData("1d % 2", 15, "cannot take the remainder of a duration divided by a number")]
    [InlineData("account.x + true", 22, "cannot use true/false with '+'")]
    [InlineData("true < false", 17, "cannot order true/false with '<': only numbers, text, times and durations can be ordered")]
    [InlineData("account.x < null", 22, "cannot use '<' with null: a missing value is neither smaller nor larger than anything")]
    [InlineData("account.plan in 3", 28, "'in' needs a list or text on its right but this is a number")]
    [InlineData("account.plan not in true", 32, "'not in' needs a list or text on its right but this is true/false")]
    [InlineData("3 in 'abc'", 12, "cannot look for a number in text")]
    [InlineData("3 contains 'a'", 12, "'contains' needs a list or text on its left but this is a number")]
    [InlineData("10 in ['9', '10']", 19, "cannot look for a number among text: a list is searched with ==, which never finds it")]
    [InlineData("event.time in [3d]", 27, "cannot look for a time among a duration: a list is searched with ==, which never finds it")]
    [InlineData("event.time in ['01/02/2026']", 27, "'01/02/2026' is not a date or time")]
    [InlineData("[1, 'x'] contains true", 13, "cannot look for true/false among a number: a list is searched with ==, which never finds it")]
    [InlineData("account.plan starts_with 3", 37, "'starts_with' needs text on its right but this is a number")]
    [InlineData("-\"x\"", 12, "cannot negate text: only numbers and durations have a sign")]
    [InlineData("not 3", 16, "'not' needs a condition (true/false) but this is a number")]
    [InlineData("\"abc\" and true", 12, "'and' needs a condition (true/false) on its left but this is text")]
    [InlineData("true || 1d", 20, "'||' needs a condition (true/false) on its right but this is a duration")]
    [InlineData("event.time > 'yesterday'", 25, "'yesterday' is not a date or time")]
    [InlineData("'soon' + 1d", 12, "'soon' is not a date or time")]
    [InlineData("date('tomorrow')", 17, "'tomorrow' is not a date or time")]
    [InlineData("date('05/01/2026')", 17, "'05/01/2026' is not a date or time")]
    [InlineData("event.time > '12 May 2026'", 25, "'12 May 2026' is not a date or time")]
    [InlineData("event.time > '2026/01/05'", 25, "'2026/01/05' is not a date or time")]
    [InlineData("event.time.hour", 23, "cannot read '.hour' of a time: only objects such as account or event.data have members")]
    [InlineData("'abc'[0]", 17, "cannot use [...] on text: only lists and objects can be indexed")]
    [InlineData("[1, 2]['a']", 19, "a list index must be a number, but this is text")]
    [InlineData("account[1]", 20, "a member name in [...] must be text, but this is a number")]
    [InlineData("lower(3)", 18, "lower(...) needs text as argument 1, but this is a number")]
    [InlineData("contains('abc', 3)", 28, "contains(...) needs text as argument 2, but this is a number")]
    [InlineData("days(3)", 17, "days(...) needs a duration as argument 1, but this is a number")]
    [InlineData("min(1, 'a')", 12, "cannot compare a number with text")]
    public void Type_Mismatch_ReportsTrg102(string text, int column, string message)
    {
        var error = SingleError(text);

        Assert.Equal(ExpressionCodes.TypeMismatch, error.Code);
        Assert.Equal(new SourceLocation("p.yaml", 7, column), error.Location);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("account.seats + 1", "a number")]
    [InlineData("account.plan", null)]
    [InlineData("'pro'", "text")]
    [InlineData("event.time", "a time")]
    [InlineData("null", "null")]
    [InlineData("[1]", "a list")]
    public void Condition_NotBool_ReportsTrg102AtStart(string text, string? described)
    {
        var diagnostics = new DiagnosticBag();

        var compiled = ExpressionCompiler.Compile(text, Start, ExpressionRoots.All, ExprType.Bool, diagnostics);

        if (described is null)
        {
            Assert.NotNull(compiled);
            Assert.Empty(diagnostics.Items);
            return;
        }

        Assert.Null(compiled);
        var error = Assert.Single(diagnostics.Items);
        Assert.Equal(ExpressionCodes.TypeMismatch, error.Code);
        Assert.Equal(Start, error.Location);
        Assert.Equal($"expected a condition (true/false) but this is {described}", error.Message);
    }

    [Theory]
    [InlineData("account.seats", ExprType.Number, null)]
    [InlineData("account.seats_purchased - account.seats_assigned", ExprType.Number, null)]
    [InlineData("len(account.name)", ExprType.Number, null)]
    [InlineData("account.name + '!'", ExprType.Number, "expected a number but this is text")]
    [InlineData("account.renewal_date", ExprType.Time, null)]
    [InlineData("'2026-01-31'", ExprType.Time, null)]
    [InlineData("3", ExprType.Time, "expected a time but this is a number")]
    [InlineData("1d", ExprType.Duration, null)]
    public void Expected_OtherTypes_ChecksResult(string text, ExprType expected, string? message)
    {
        var diagnostics = new DiagnosticBag();

        var compiled = ExpressionCompiler.Compile(text, Start, ExpressionRoots.All, expected, diagnostics);

        Assert.Equal(message is null, compiled is not null);
        Assert.Equal(message, diagnostics.Items.SingleOrDefault()?.Message);
    }

    [Fact]
    public void Type_SeveralMistakes_ReportsEachOnce()
    {
        var errors = Errors("1 + true or \"a\" > 2 or acount.plan == 'x' or event.plan == 1");

        Assert.Equal(["TRG102:14", "TRG102:28", "TRG101:35", "TRG106:63"], errors.Select(e => $"{e.Code}:{e.Location.Column}"));
    }

    [Theory]
    [InlineData("account.x == 3")]
    [InlineData("account.x > 'a'")]
    [InlineData("account.x + account.y > 3")]
    [InlineData("event.time > account.renewal_date")]
    [InlineData("event.time == '2026-01-01'")]
    [InlineData("account.x in account.y")]
    [InlineData("lower(account.x) == upper(user.y)")]
    [InlineData("null == 3")]
    [InlineData("account.renewal_date - 90d < event.time")]
    [InlineData("days(event.time - account.start) > 30")]
    public void Type_AnyCombinesWithConcreteTypes_Compiles(string text) =>
        Compile(text, expected: ExprType.Bool);
}
