using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

public class PathEvaluationTests
{
    [Theory]
    [InlineData("event.type", "String:user.invited")]
    [InlineData("trigger.data.invitee_email", "String:bob@example.com")]
    [InlineData("user.role", "String:admin")]
    [InlineData("event.data.nested.deep", "Number:1")]
    [InlineData("event.data[\"key-x\"]", "String:k")]
    [InlineData("event['data']['seats']", "Number:5")]
    [InlineData("event.data.tags[1]", "String:b")]
    [InlineData("event.data.tags[1 + 0]", "String:b")]
    [InlineData("['x', 'y'][0]", "String:x")]
    public void Path_ExistingMember_ReadsValue(string expression, string expected) =>
        Assert.Equal(expected, Evaluate(expression));

    [Theory]
    [InlineData("account.missing")]
    [InlineData("event.data.missing.deeper.still")]
    [InlineData("account.plan.x")]
    [InlineData("event.data.tags[5]")]
    [InlineData("event.data.tags[-1]")]
    [InlineData("event.data.tags[0.5]")]
    [InlineData("event.data.tags['x']")]
    [InlineData("account.plan[0]")]
    [InlineData("event.data.nested[0]")]
    public void Path_MissingOrWrongKind_YieldsNull(string expression) =>
        Assert.Equal("Null:", Evaluate(expression));

    [Fact]
    public void Path_RootWithoutData_YieldsNull()
    {
        var context = new EvalContext();

        Assert.True(Compile("account.plan").Evaluate(context).IsNull);
        Assert.False(Compile("account.plan == 'pro'").IsTrue(context));
        Assert.True(Compile("account.plan == null").IsTrue(context));
    }

    [Fact]
    public void Paths_Expression_ListsDistinctDataPathsInOrder()
    {
        var compiled = Compile("account.plan == 'pro' and event.data.invitee_id != null and account.plan != 'x' and 1 < 2");

        Assert.Equal(["account.plan", "event.data.invitee_id"], compiled.Paths);
    }

    [Theory]
    [InlineData("event.data.tags[0] == 'a'", "event.data.tags")]
    [InlineData("event.data['key-x'] == 'k'", "event.data.key-x")]
    [InlineData("coalesce(user.email, account.csm_email)", "user.email,account.csm_email")]
    [InlineData("exists(account)", "account")]
    [InlineData("event.data.tags[account.index]", "event.data.tags,account.index")]
    [InlineData("1 + 2", "")]
    public void Paths_Expression_ListsLongestPaths(string expression, string expected) =>
        Assert.Equal(expected, string.Join(",", Compile(expression).Paths));

    [Theory]
    [InlineData("1 + 2", ExprType.Number)]
    [InlineData("'a' + 'b'", ExprType.String)]
    [InlineData("account.x", ExprType.Any)]
    [InlineData("account.x + 1", ExprType.Number)]
    [InlineData("account.x + 1d", ExprType.Any)]
    [InlineData("event.time - 1d", ExprType.Time)]
    [InlineData("event.time - date(account.renewal_date)", ExprType.Duration)]
    [InlineData("event.time - account.renewal_date", ExprType.Any)]
    [InlineData("'2026-04-01' - 90d", ExprType.Time)]
    [InlineData("event.type", ExprType.String)]
    [InlineData("account.plan == 'pro'", ExprType.Bool)]
    [InlineData("coalesce(account.x, 'free')", ExprType.Any)]
    [InlineData("coalesce(null, 'free')", ExprType.String)]
    [InlineData("[1, 2]", ExprType.List)]
    [InlineData("days(1w)", ExprType.Number)]
    public void Type_Expression_IsInferredStatically(string expression, ExprType expected) =>
        Assert.Equal(expected, Compile(expression).Type);

    [Fact]
    public void Evaluate_ConstantList_ReusesOneListAcrossEvaluations()
    {
        var compiled = Compile("['a', 'b']");

        var first = compiled.Evaluate(Context()).AsList;
        var second = compiled.Evaluate(Context()).AsList;

        Assert.Same(first, second);
    }

    [Fact]
    public void Text_SurroundingWhitespace_IsTrimmed() =>
        Assert.Equal("account.name", Compile("  account.name \n").Text);
}
