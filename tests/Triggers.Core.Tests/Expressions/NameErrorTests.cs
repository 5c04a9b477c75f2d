using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using static Triggers.Core.Tests.Expressions.ExpressionTestData;

namespace Triggers.Core.Tests.Expressions;

/// <summary>TRG101 (roots), TRG103 (functions), TRG104 (arity), TRG106 (event attributes).</summary>
public class NameErrorTests
{
    private const ExpressionRoots EventFilter = ExpressionRoots.Event | ExpressionRoots.Account | ExpressionRoots.User;

    [Theory]
    [InlineData("acount.plan == \"pro\"", ExpressionRoots.All, 12, "unknown name 'acount'; did you mean 'account'?")]
    [InlineData("trigger.time > event.time", EventFilter, 12, "'trigger' is not available here; this expression can use event, account, user")]
    [InlineData("event.type == 'a'", ExpressionRoots.Account, 12, "'event' is not available here; this expression can use account")]
    [InlineData("account.plan", ExpressionRoots.None, 12, "'account' is not available here; this expression cannot read any data")]
    [InlineData("account.plan == pro", ExpressionRoots.All, 28, "unknown name 'pro'; this expression can use event, trigger, account, user")]
    [InlineData("account.flag == True", ExpressionRoots.All, 28, "unknown name 'True'; did you mean 'true'?")]
    public void Root_UnknownOrNotAllowed_ReportsTrg101(string text, ExpressionRoots roots, int column, string message)
    {
        var error = SingleError(text, roots);

        Assert.Equal(ExpressionCodes.UnknownRoot, error.Code);
        Assert.Equal(new SourceLocation("p.yaml", 7, column), error.Location);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void DashedMemberWrittenAsAPath_SaysHowToReadIt()
    {
        var error = SingleError("event.data.ticket-id != null");

        Assert.Equal(new SourceLocation("p.yaml", 7, 23), error.Location); // at "ticket"
        Assert.Equal("'ticket-id' reads as ticket minus id here: a name holding '-' is written in brackets", error.Message);
        Assert.Equal("write it as event.data[\"ticket-id\"]", error.Hint);
    }

    [Theory]
    [InlineData("account.seats_purchased-account.seats_assigned > 2")] // a subtraction written tight is still one
    [InlineData("event.data.days-3 > 2")]
    [InlineData("event.data.seats - 2 > 2")]
    public void Subtraction_WrittenWithoutSpaces_IsStillASubtraction(string text) => Compile(text);

    [Fact]
    public void Root_BareWord_HintsQuotes() =>
        Assert.Equal("to write text, put it in quotes: \"pro\"", SingleError("account.plan == pro").Hint);

    [Theory]
    [InlineData("lowr(account.plan)", 12, "unknown function 'lowr'; did you mean 'lower'?")]
    [InlineData("account.plan == frobnicate(1)", 28, "unknown function 'frobnicate'")]
    public void Function_Unknown_ReportsTrg103(string text, int column, string message)
    {
        var error = SingleError(text);

        Assert.Equal(ExpressionCodes.UnknownFunction, error.Code);
        Assert.Equal(column, error.Location.Column);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Function_UnknownWithoutNearMatch_HintsTheFunctionList() =>
        Assert.StartsWith("the functions are contains, starts_with, ends_with, lower", SingleError("frobnicate(1)").Hint);

    [Theory]
    [InlineData("lower(account.plan, 1)", "lower takes 1 argument, but 2 were given")]
    [InlineData("min(1)", "min takes 2 arguments, but 1 was given")]
    [InlineData("exists()", "exists takes 1 argument, but none were given")]
    [InlineData("coalesce()", "coalesce takes at least 1 argument, but none were given")]
    public void Function_WrongArity_ReportsTrg104(string text, string message)
    {
        var error = SingleError(text);

        Assert.Equal(ExpressionCodes.WrongArgumentCount, error.Code);
        Assert.Equal(12, error.Location.Column);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void EventAttribute_DataMemberUnderEvent_ReportsTrg106WithHint()
    {
        var error = SingleError("event.plan == \"pro\"");

        Assert.Equal(ExpressionCodes.UnknownEventAttribute, error.Code);
        Assert.Equal(new SourceLocation("p.yaml", 7, 18), error.Location);
        Assert.Equal("'plan' is not an event attribute", error.Message);
        Assert.Equal("event data lives under event.data: did you mean event.data.plan?", error.Hint);
    }

    [Fact]
    public void EventAttribute_TypoUnderTrigger_SuggestsAttribute()
    {
        var error = SingleError("trigger.tpye == 'a'");

        Assert.Equal(ExpressionCodes.UnknownEventAttribute, error.Code);
        Assert.Equal("unknown event attribute 'tpye'; did you mean 'type'?", error.Message);
        Assert.Equal("trigger data lives under trigger.data: did you mean trigger.data.tpye?", error.Hint);
    }

    [Theory]
    [InlineData("event.id", ExprType.String)]
    [InlineData("event.source", ExprType.String)]
    [InlineData("event.type", ExprType.String)]
    [InlineData("event.time", ExprType.Time)]
    [InlineData("event.subject", ExprType.String)]
    [InlineData("event.specversion", ExprType.String)]
    [InlineData("event.datacontenttype", ExprType.String)]
    [InlineData("event.dataschema", ExprType.String)]
    [InlineData("event.accountid", ExprType.String)]
    [InlineData("trigger.userid", ExprType.String)]
    [InlineData("trigger.time", ExprType.Time)]
    [InlineData("event.data", ExprType.Any)]
    [InlineData("event.data.anything.at.all", ExprType.Any)]
    public void EventAttribute_CloudEventsAttribute_CompilesWithItsType(string text, ExprType type) =>
        Assert.Equal(type, Compile(text).Type);
}
