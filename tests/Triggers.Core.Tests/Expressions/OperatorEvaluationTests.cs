using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

public class OperatorEvaluationTests
{
    [Theory]
    [InlineData("1 + 2", "Number:3")]
    [InlineData("7 - 10", "Number:-3")]
    [InlineData("6 * 7", "Number:42")]
    [InlineData("7 / 2", "Number:3.5")]
    [InlineData("7 % 3", "Number:1")]
    [InlineData("0.1 + 0.2", "Number:0.3")]
    [InlineData("2 + 3 * 4", "Number:14")]
    [InlineData("(2 + 3) * 4", "Number:20")]
    [InlineData("10 - 4 - 3", "Number:3")]
    [InlineData("2 * -3", "Number:-6")]
    [InlineData("-account.seats_purchased", "Number:-10")]
    [InlineData("- -4", "Number:4")]
    [InlineData("account.health_score * 100", "Number:40")]
    [InlineData("'a' + \"b\"", "String:ab")]
    [InlineData("account.name + ' renews'", "String:Acme renews")]
    public void Arithmetic_ValidOperands_Computes(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("00012345678901234567890 == 12345678901234567890")] // leading zeros say nothing: the same 20 digits
    [InlineData("007 == 7")]
    [InlineData("000.5 == 0.5")]
    public void NumberLiteral_WithLeadingZeros_IsTheSameNumber(string expression) =>
        Assert.Equal("Bool:true", Evaluate(expression));

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("1 % 0")]
    [InlineData("1d / 0")]
    [InlineData("1d / 0s")]
    [InlineData("account.missing + 1")]
    [InlineData("account.name + 1")]
    [InlineData("account.name * 2")]
    [InlineData("-account.name")]
    [InlineData("account.plan - 1d")]
    [InlineData("event.data.seats * 99999w * 100000000000")]
    [InlineData("event.time + 99999w * 60")]
    [InlineData("event.time - 99999w * 60")]
    public void Arithmetic_DivisionByZeroOverflowOrMismatchAtRunTime_YieldsNull(string expression) =>
        Assert.Equal("Null:", Evaluate(expression));

    [Theory]
    [InlineData("3 > 2", "true")]
    [InlineData("3 >= 3", "true")]
    [InlineData("2 < 1", "false")]
    [InlineData("2 <= 2", "true")]
    [InlineData("'b' > 'a'", "true")]
    [InlineData("'B' < 'a'", "true")]
    [InlineData("1d < 1w", "true")]
    [InlineData("account.seats_purchased == 10", "true")]
    [InlineData("account.plan != 'pro'", "false")]
    [InlineData("account.plan == null", "false")]
    [InlineData("account.missing == null", "true")]
    [InlineData("account.missing != null", "false")]
    [InlineData("null == null", "true")]
    [InlineData("account.missing > 3", "false")]
    [InlineData("account.missing < 3", "false")]
    [InlineData("3 <= account.missing", "false")]
    [InlineData("[1, 2] == [1, 2]", "true")]
    [InlineData("true == true", "true")]
    [InlineData("event.data.seats == '5'", "false")]
    public void Comparison_Operands_GivesBool(string expression, string expected) =>
        Assert.Equal("Bool:" + expected, Evaluate(expression));

    [Fact]
    public void Comparison_IncomparableAtRunTime_YieldsNull() =>
        Assert.Equal("Null:", Evaluate("account.plan > 3"));

    [Theory]
    [InlineData("account.plan in ['pro', 'enterprise']", "Bool:true")]
    [InlineData("'free' in ['pro']", "Bool:false")]
    [InlineData("account.plan not in ['free']", "Bool:true")]
    [InlineData("2 in [1, 2.0]", "Bool:true")]
    [InlineData("account.missing in ['a']", "Bool:false")]
    [InlineData("account.missing not in ['a']", "Bool:true")]
    [InlineData("null in [null]", "Bool:true")]
    [InlineData("'ro' in account.plan", "Bool:true")]
    [InlineData("'x' not in account.plan", "Bool:true")]
    [InlineData("3 in event.data.tags", "Bool:false")]
    [InlineData("[1, 2] in [[1, 2], [3]]", "Bool:true")]
    [InlineData("'a' in account.missing", "Null:")]
    [InlineData("'a' not in account.missing", "Null:")]
    [InlineData("'a' in account.seats_purchased", "Null:")]
    public void In_Lists_UsesValueEquality(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("account.name contains 'cm'", "Bool:true")]
    [InlineData("event.data.tags contains 'b'", "Bool:true")]
    [InlineData("event.data.tags contains 'z'", "Bool:false")]
    [InlineData("account.missing contains 'a'", "Bool:false")]
    [InlineData("account.seats_purchased contains 'a'", "Null:")]
    [InlineData("account.name starts_with 'Ac'", "Bool:true")]
    [InlineData("account.name starts_with 'ac'", "Bool:false")]
    [InlineData("account.csm_email ends_with '@acme.com'", "Bool:true")]
    [InlineData("account.missing ends_with 'a'", "Bool:false")]
    public void InfixTextOperators_Operands_MatchOrdinally(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("true and false", "false")]
    [InlineData("true or false", "true")]
    [InlineData("not true", "false")]
    [InlineData("!false", "true")]
    [InlineData("true && true", "true")]
    [InlineData("false || true", "true")]
    [InlineData("account.flag and account.plan == 'pro'", "true")]
    [InlineData("account.missing and true", "false")]
    [InlineData("account.missing or true", "true")]
    [InlineData("account.plan or false", "false")]
    [InlineData("not account.missing", "true")]
    [InlineData("not 1 == 2", "true")]
    [InlineData("true or false and false", "true")]
    [InlineData("false and false or true", "true")]
    [InlineData("not (true and false)", "true")]
    [InlineData("account.plan == 'pro' && !(account.seats_purchased < 5)", "true")]
    public void Logic_Operands_TreatsNonBoolAsFalse(string expression, string expected) =>
        Assert.Equal("Bool:" + expected, Evaluate(expression));

    [Theory]
    [InlineData("false and account.x == 1")]
    [InlineData("true or account.x == 1")]
    [InlineData("coalesce('set', account.x)")]
    public void ShortCircuit_DecidedByLeftSide_DoesNotReadRightSide(string expression)
    {
        var account = new CountingObject();
        var context = new EvalContext { Account = Value.Object(account) };

        Compile(expression).Evaluate(context);

        Assert.Equal(0, account.Reads);
    }

    [Fact]
    public void ShortCircuit_UndecidedByLeftSide_ReadsRightSide()
    {
        var account = new CountingObject();
        var context = new EvalContext { Account = Value.Object(account) };

        Compile("true and account.x == 1").Evaluate(context);

        Assert.Equal(1, account.Reads);
    }

    private sealed class CountingObject : IValueObject
    {
        public int Reads { get; private set; }

        public IEnumerable<string> MemberNames => [];

        public bool TryGetMember(string name, out Value value)
        {
            Reads++;
            value = default;
            return false;
        }
    }
}
