using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

/// <summary>TRG100. Every expression starts at p.yaml line 7, column 12, so column = 12 + offset.</summary>
public class SyntaxErrorTests
{
    [Theory]
    [InlineData("account.plan == \"a\" and", 35, "expected a value after 'and', found end of expression")]
    [InlineData("(account.plan == \"a\"", 32, "expected ')' to close '(' opened at column 12, found end of expression")]
    [InlineData("lower(account.plan", 30, "expected ',' or ')' to close 'lower(' opened at column 12, found end of expression")]
    [InlineData("x in [1, 2", 22, "expected ',' or ']' to close '[' opened at column 17, found end of expression")]
    [InlineData("event.data.tags[0", 29, "expected ']' to close '[' opened at column 27, found end of expression")]
    [InlineData("account.plan = \"a\"", 25, "'=' alone is not an operator")]
    [InlineData("a & b", 14, "'&' alone is not an operator")]
    [InlineData("a | b", 14, "'|' alone is not an operator")]
    [InlineData("1 < 2 < 3", 18, "comparisons cannot be chained: '<' is followed by '<'")]
    [InlineData("a == b not in c", 19, "comparisons cannot be chained: '==' is followed by 'not in'")]
    [InlineData("\"abc", 12, "the text starting here is not closed: add a closing \"")]
    [InlineData("'a\\q'", 14, "unknown escape '\\q' in text")]
    [InlineData("1.5h", 12, "'1.5h' is not a duration: durations are whole numbers (write 90m, not 1.5h)")]
    [InlineData("90days", 12, "'90days' is neither a number nor a duration")]
    [InlineData("200000d", 12, "'200000d' is too long: a duration counts at most 100000 of its unit (100000w is the longest, almost 2,000 years)")]
    [InlineData("account.plan @ 3", 25, "unexpected character '@'")]
    [InlineData("", 12, "the expression is empty")]
    [InlineData("   ", 15, "the expression is empty")]
    [InlineData("account.plan \"pro\"", 25, "expected an operator or the end of the expression, found text \"pro\"")]
    [InlineData("account.", 20, "expected a name after '.', found end of expression")]
    [InlineData("account.3", 20, "expected a name after '.', found number 3")]
    [InlineData("account.plan(1)", 24, "expected an operator, found '('")]
    [InlineData("1 +", 15, "expected a value after '+', found end of expression")]
    [InlineData("== 1", 12, "expected a value, found '=='")]
    [InlineData("f(1,)", 16, "expected a value after ',', found ')'")]
    [InlineData("a == !b", 17, "expected a value after '==', found '!'")]
    [InlineData("a not b", 14, "expected an operator or the end of the expression, found 'not'")]
    [InlineData("{{ account.name }}", 12, "unexpected '{' in an expression")]
    public void Syntax_Malformed_ReportsTrg100AtPosition(string text, int column, string message)
    {
        var error = SingleError(text);

        Assert.Equal(new SourceLocation("p.yaml", 7, column), error.Location);
        Assert.Equal(ExpressionCodes.Syntax, error.Code);
        Assert.Equal(message, error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint), $"no hint for: {message}"); // audit #18: every TRG100 says how to fix it
    }

    [Fact]
    public void Syntax_AssignmentInsteadOfComparison_HintsDoubleEquals() =>
        Assert.Equal("compare with '=='", SingleError("account.plan = 'a'").Hint);

    [Fact]
    public void Syntax_UpperCaseKeyword_HintsLowerCase()
    {
        var error = SingleError("account.plan == 'pro' AND true");

        Assert.Equal("expected an operator or the end of the expression, found 'AND'", error.Message);
        Assert.Equal("keywords are lower case: write 'and'", error.Hint);
    }

    [Fact]
    public void Syntax_MultiLineText_CountsLinesAndColumns()
    {
        var error = SingleError("account.plan == 'a'\n  and (user.role == 'admin'\n    or");

        Assert.Equal(new SourceLocation("p.yaml", 9, 7), error.Location);
        Assert.Equal("expected a value after 'or', found end of expression", error.Message);
    }

    [Fact]
    public void Syntax_UnclosedParenOnEarlierLine_NamesItsLine()
    {
        var error = SingleError("(account.plan == 'a'\n  and true");

        Assert.Equal(new SourceLocation("p.yaml", 8, 11), error.Location);
        Assert.Equal("expected ')' to close '(' opened at line 7, column 12, found end of expression", error.Message);
    }

    [Fact]
    public void Nesting_SixtyFourParentheses_Compiles() =>
        Assert.Equal("Number:1", Evaluate(new string('(', 64) + "1" + new string(')', 64)));

    [Theory]
    [InlineData(65, "(", ")")]
    [InlineData(65, "[", "]")]
    [InlineData(65, "not ", "")]
    [InlineData(65, "-", "")]
    [InlineData(65, "abs(", ")")]
    [InlineData(10_000, "(", ")")]
    public void Nesting_TooDeep_ReportsTrg100(int depth, string open, string close)
    {
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

        var error = SingleError(text);

        Assert.Equal(ExpressionCodes.Syntax, error.Code);
        Assert.Equal("expression nested too deeply (more than 64 levels)", error.Message);
        Assert.Equal(12 + (64 * open.Length), error.Location.Column);
    }

    [Fact]
    public void Nesting_VeryLongOperatorChain_ReportsTrg100InsteadOfOverflowing()
    {
        var text = "1" + string.Concat(Enumerable.Repeat(" + 1", 5_000));

        var error = SingleError(text);

        Assert.Equal("expression nested too deeply (more than 256 levels)", error.Message);
    }

    [Fact]
    public void Nesting_LongButFlatList_Compiles()
    {
        var text = "3 in [" + string.Join(", ", Enumerable.Range(0, 2_000)) + "]";

        Assert.Equal("Bool:true", Evaluate(text));
    }
}
