using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

/// <summary>TRG100. Every expression starts at p.yaml line 7, column 12, so column = 12 + offset.</summary>
public class SyntaxErrorTests
{
    [Theory]
    [InlineData("x > 1e10", "write it in full: 10000000000")]
    [InlineData("x > 2.5E3", "write it in full: 2500")]
    [InlineData("x > 2.5e-3", "write it in full: 0.0025")] // the sign is part of the number, not a subtraction
    [InlineData("x > 1e+4", "write it in full: 10000")]
    [InlineData("x > 1e999999", "and it is beyond the largest number there is (about 1.7e308)")]
    [InlineData("x > 1e-99999", "and it is too small to write out: write 0 if that is what it means")]
    public void NumberWithAnExponent_HintsItWrittenInFull(string text, string hint) => Assert.Equal(hint, SingleError(text).Hint);

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
    [InlineData("event.data.bytes > 1e10", 31, "'1e10' is a number written with an exponent, which expressions do not read")]
    [InlineData("event.data.share < 2.5E3", 31, "'2.5E3' is a number written with an exponent, which expressions do not read")]
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

        Assert.Equal("expression too long: 5001 terms joined by '+'; at most 200", error.Message);
        Assert.Equal(12 + 2 + (4 * 199), error.Location.Column); // the 200th '+', which would add the 201st term
    }

    [Fact]
    public void Chain_FiveThousandOrs_SaysHowManyTermsAndTheLimit_AtTheOperatorPastIt()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 5_000).Select(i => $"account.plan == 'p{i}'"));

        var error = SingleError(text, expected: ExprType.Bool);

        Assert.Equal("expression too long: 5000 terms joined by 'or'; at most 200", error.Message);
        Assert.Equal(12 + text.IndexOf("or account.plan == 'p200'", StringComparison.Ordinal), error.Location.Column);
        Assert.StartsWith("to test one value against many, use a list: account.plan in [", error.Hint);
    }

    [Theory]
    [InlineData(" + 1", " - 1", "'+' and '-'")]
    [InlineData(" * 1", " / 1", "'*' and '/'")]
    [InlineData(" and true", " && true", "'and' and '&&'")]
    [InlineData(" or true", " || true", "'or' and '||'")]
    public void Chain_MixingTheOperatorsOfOneLevel_NamesEachAsWritten(string one, string other, string joined)
    {
        var text = (one.Contains("true", StringComparison.Ordinal) ? "true" : "1") +
            string.Concat(Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? one : other));

        Assert.Equal($"expression too long: 301 terms joined by {joined}; at most 200", SingleError(text).Message);
    }

    [Fact]
    public void Chain_OfTwoHundredTerms_Compiles_OneMoreIsTooLong()
    {
        static string Chain(int terms) => string.Join(" or ", Enumerable.Range(0, terms).Select(i => $"account.plan == 'p{i}'"));

        Assert.Equal("Bool:false", Evaluate(Chain(200)));
        Assert.Equal("expression too long: 201 terms joined by 'or'; at most 200", SingleError(Chain(201)).Message);
    }

    [Fact]
    public void Chain_TooLongAndBrokenFurtherOn_ReportsTheLengthFirst_CountedUpToTheBreak()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 300).Select(i => i == 250 ? "account.plan ==" : $"account.plan == 'p{i}'"));

        Assert.Equal("expression too long: at least 251 terms joined by 'or'; at most 200", SingleError(text).Message);
    }

    [Fact]
    public void Chain_TooLongInATemplateOfAPlaybook_IsTrg100AtItsLineAndColumn()
    {
        var where = string.Join(" or ", Enumerable.Range(0, 1_000).Select(i => $"event.data.n == {i}"));
        var result = Triggers.Core.Tests.Support.Sources.Load(("p.yaml", $$$"""
            playbook: p
            rules:
              - id: r
                when: { event: ticket.opened }
                where: {{{where}}}
                do:
                  - task: { title: "{{ {{{where}}} }}" }
            """));

        Assert.Equal(
            [$"p.yaml:5:{12 + where.IndexOf("or event.data.n == 200", StringComparison.Ordinal)}: error TRG100: expression too long: 1000 terms joined by 'or'; at most 200",
             $"p.yaml:7:{28 + where.IndexOf("or event.data.n == 200", StringComparison.Ordinal)}: error TRG100: expression too long: 1000 terms joined by 'or'; at most 200"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("event.data.😀 == 1", 23, "unexpected character '😀' (U+1F600)", "a member whose name has other characters is written in brackets: event.data[\"😀\"]")]
    [InlineData("event.data.café == 1", 26, "unexpected character 'é' (U+00E9)", "a member whose name has other characters is written in brackets: event.data[\"café\"]")]
    [InlineData("event.data.a😀b.c == 1", 24, "unexpected character '😀' (U+1F600)", "a member whose name has other characters is written in brackets: event.data[\"a😀b\"]")]
    [InlineData("account.plan == 😀", 28, "unexpected character '😀' (U+1F600)", "names use letters, digits and '_'; put other text in quotes")]
    [InlineData("account.plan == \u201Cpro\u201D", 28, "unexpected character '\u201C' (U+201C), a typographic quote", "put text in straight quotes, \"text\" or 'text' (editors and chat tools often curl them)")]
    [InlineData("account.plan\u200B == 'pro'", 24, "unexpected character U+200B", "remove it: it is invisible, often pasted in with the text")]
    [InlineData("account.plan ==\u00A0'pro'", 27, "unexpected character U+00A0", "remove it: it is invisible, often pasted in with the text")]
    [InlineData("account.plan == \u202E'pro'", 28, "unexpected character U+202E", "remove it: it is invisible, often pasted in with the text")]
    [InlineData("account.plan == '😀' @", 33, "unexpected character '@'", "names use letters, digits and '_'; put other text in quotes")]
    public void UnexpectedCharacter_IsNamedWhole_ByItsCodePoint_WithAHintForWhatWasMeant(string text, int column, string message, string hint)
    {
        var error = SingleError(text);

        Assert.Equal((column, message, hint), (error.Location.Column, error.Message, error.Hint));
    }

    [Fact]
    public void UnexpectedCharacter_InATemplateHole_HintsTheBracketFormFromTheHoleAlone()
    {
        var diagnostics = new DiagnosticBag();

        TemplateCompiler.Compile("a.b{{event.data.😀}} and x.{{.😀}}", Start, ExpressionRoots.All, diagnostics);

        Assert.Equal(
            ["a member whose name has other characters is written in brackets: event.data[\"😀\"]", "names use letters, digits and '_'; put other text in quotes"],
            diagnostics.Items.Select(d => d.Hint));
    }

    [Fact]
    public void UnexpectedCharacter_HalfOfASurrogatePair_IsNamedAsSuch() // (not inline data: xunit would store it as U+FFFD)
    {
        var error = SingleError("account.plan == \uDE00");

        Assert.Equal("unexpected character U+DE00, half of a character that is not there (a lone surrogate)", error.Message);
        Assert.Equal(28, error.Location.Column);
    }

    [Fact]
    public void Nesting_LongButFlatList_Compiles()
    {
        var text = "3 in [" + string.Join(", ", Enumerable.Range(0, 2_000)) + "]";

        Assert.Equal("Bool:true", Evaluate(text));
    }
}
