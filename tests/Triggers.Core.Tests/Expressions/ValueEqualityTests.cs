using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

/// <summary>
/// Values from event data and traits compare by what they are, not by where they lie (audit 34): two copies of the same
/// object are equal, and two ISO times held as text compare as instants, as <c>-</c> already subtracts them.
/// </summary>
public sealed class ValueEqualityTests
{
    private static EvalContext Context() => new()
    {
        Event = Obj(("data", Obj(
            ("ticket", Obj(("system", Str("zendesk")), ("id", Num(7)))),
            ("renewed_at", Str("2026-03-01T08:00:00+01:00")),
            ("midnight", Str("2026-03-01T00:00:00Z")),
            ("tickets", List(Obj(("system", Str("zendesk")), ("id", Num(7)))))))),
        Trigger = Obj(("data", Obj(
            ("ticket", Obj(("id", Num(7)), ("system", Str("zendesk")))),
            ("other", Obj(("system", Str("zendesk")), ("id", Num(8)))),
            ("more", Obj(("system", Str("zendesk")), ("id", Num(7)), ("note", Str("x"))))))),
        Account = Obj(("renewal_date", Str("2026-03-01")), ("due_at", Str("2026-03-01T07:30:00Z")), ("plan", Str("team"))),
    };

    private static string Eval(string text) => Show(Compile(text).Evaluate(Context()));

    [Theory]
    [InlineData("event.data.ticket == trigger.data.ticket", "Bool:true")] // members in another order: the same ticket
    [InlineData("event.data.ticket != trigger.data.ticket", "Bool:false")]
    [InlineData("event.data.ticket == trigger.data.other", "Bool:false")]
    [InlineData("event.data.ticket == trigger.data.more", "Bool:false")] // a member more is another object
    [InlineData("trigger.data.ticket in event.data.tickets", "Bool:true")]
    [InlineData("event.data.tickets contains trigger.data.ticket", "Bool:true")]
    public void Objects_AreEqual_ByTheirMembers(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("event.data.renewed_at <= account.due_at", "Bool:true")] // 07:00Z, before 07:30Z, though "T08" sorts after "T07"
    [InlineData("event.data.renewed_at > account.due_at", "Bool:false")]
    [InlineData("event.data.midnight == account.renewal_date", "Bool:true")] // the same instant, written two ways
    [InlineData("event.data.midnight <= account.renewal_date", "Bool:true")]
    [InlineData("event.data.renewed_at - account.due_at <= 0d", "Bool:true")] // as '-' always read them
    [InlineData("min(event.data.renewed_at, account.due_at) == event.data.renewed_at", "Bool:true")]
    [InlineData("account.plan < 'zebra'", "Bool:true")] // other text still orders by its characters
    public void TextTimes_CompareAsTheInstantsTheyName(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));
}
