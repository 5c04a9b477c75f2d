using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Engine;

public class Utf8JsonObjectTests
{
    private static Utf8JsonObject Data(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void TryGetMember_GivenTwice_ReadsTheLastValue()
    {
        Assert.True(Data("""{"n":1,"other":{"n":5},"n":2}""").TryGetMember("n", out var n));

        Assert.Equal(2, n.AsNumber);
    }

    [Fact]
    public void TryGetMember_NestedObjectsAndArrays_ReadAsObjectsAndLists()
    {
        var data = Data("""{"plan":{"tier":"gold","seats":[1,{"x":true}]},"tags":["a","b"],"none":null}""");

        Assert.True(data.TryGetMember("plan", out var plan));
        Assert.True(plan.AsObject!.TryGetMember("tier", out var tier));
        Assert.Equal("gold", tier.AsString);
        Assert.True(plan.AsObject.TryGetMember("seats", out var seats));
        Assert.Equal(2, seats.AsList.Count);
        Assert.True(seats.AsList[1].AsObject!.TryGetMember("x", out var x));
        Assert.Equal(Value.True, x);
        Assert.True(data.TryGetMember("tags", out var tags));
        Assert.Equal(["a", "b"], tags.AsList.Select(t => t.AsString));
        Assert.True(data.TryGetMember("none", out var none));
        Assert.True(none.IsNull);
        Assert.False(data.TryGetMember("missing", out _));
        Assert.Equal(["plan", "tags", "none"], data.MemberNames);
    }

    [Fact]
    public void TryGetMember_EscapedNamesAndValues_MatchTheirDecodedText()
    {
        Assert.True(Data("""{"e\u006dail":"bob\u0040acme.test"}""").TryGetMember("email", out var email));

        Assert.Equal("bob@acme.test", email.AsString);
    }

    [Fact]
    public void TryGetMember_RepeatedAndAlternatingLookups_ReadTheSameValuesAsTheFirstTime()
    {
        var data = Data("""{"a":1,"b":"two","c":{"d":true}}""");
        string[] names = ["a", "b", "a", "missing", "c", "a", "b", "missing", "c", "c", new string('a', 1)];

        var seen = names.Select(name => (Found: data.TryGetMember(name, out var value), Value: value.ToString())).ToList();

        Assert.Equal(
            [(true, "1"), (true, "two"), (true, "1"), (false, ""), (true, seen[4].Value), (true, "1"), (true, "two"), (false, ""), (true, seen[4].Value), (true, seen[4].Value), (true, "1")],
            seen);
        Assert.True(data.TryGetMember("c", out var c));
        Assert.True(c.AsObject!.TryGetMember("d", out var d) && d.AsBool);
    }

    [Fact]
    public void Reset_ReadsTheNewObjectAndNothingOfTheOld()
    {
        var data = Data("""{"plan":"gold","seats":5,"only_before":1}""");
        Assert.True(data.TryGetMember("plan", out var before));

        data.Reset(Encoding.UTF8.GetBytes("""{"seats":7,"plan":"silver"}"""));

        Assert.Equal("gold", before.AsString);
        Assert.True(data.TryGetMember("plan", out var plan));
        Assert.Equal("silver", plan.AsString);
        Assert.True(data.TryGetMember("seats", out var seats));
        Assert.Equal(7, seats.AsNumber);
        Assert.False(data.TryGetMember("only_before", out _));
    }

    [Fact]
    public void TryGetMember_NamesBeyondAscii_MatchByText()
    {
        var data = Data("""{"größe":3,"gr\u00f6\u00dfe2":4,"size":5}""");

        Assert.True(data.TryGetMember("größe", out var size) && size.AsNumber == 3);
        Assert.True(data.TryGetMember("größe2", out var escaped) && escaped.AsNumber == 4);
        Assert.False(data.TryGetMember("grosse", out _));
        Assert.True(data.TryGetMember("size", out var plain) && plain.AsNumber == 5);
    }
}
