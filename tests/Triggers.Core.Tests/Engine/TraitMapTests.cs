using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;
using Triggers.Core.Expressions;

namespace Triggers.Core.Tests.Engine;

public class TraitMapTests
{
    private static bool Merge(TraitMap traits, string json) => traits.Merge(Encoding.UTF8.GetBytes(json));

    private static Dictionary<string, string> Read(TraitMap traits) =>
        traits.Entries.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);

    [Fact]
    public void Merge_SameTraitsInAnotherOrder_ChangesNothing()
    {
        var traits = new TraitMap();
        Assert.True(Merge(traits, """{"plan":"team","seats":10,"region":"EU","beta":true}"""));

        Assert.False(Merge(traits, """{"region":"EU","beta":true,"seats":10,"plan":"team"}"""));
        Assert.True(Merge(traits, """{"seats":12,"plan":"team"}"""));

        Assert.Equal(new Dictionary<string, string> { ["plan"] = "team", ["seats"] = "12", ["region"] = "EU", ["beta"] = "true" }, Read(traits));
    }

    [Fact]
    public void Merge_NullRemovesATrait_AndTheOthersStayFindable()
    {
        var traits = new TraitMap();
        Merge(traits, """{"a":1,"b":2,"c":3,"d":4}""");

        Assert.True(Merge(traits, """{"a":1,"b":null,"c":30,"d":4}"""));
        Assert.False(traits.TryGetMember("b", out _));
        Assert.Equal(30, traits["c"].AsNumber);
        Assert.Equal(4, traits["d"].AsNumber);

        Assert.True(Merge(traits, """{"a":1,"b":"back","c":30,"d":4}"""));
        Assert.Equal(["a", "c", "d", "b"], traits.MemberNames);
        Assert.False(Merge(traits, """{"b":"back"}"""));
        Assert.False(Merge(traits, """{"zz":null}"""));
        Assert.Equal(4, traits.Count);
    }

    [Fact]
    public void Merge_ManyTraits_EachFoundByNameAndChangedAlone()
    {
        var traits = new TraitMap();
        var names = Enumerable.Range(0, 60).Select(i => $"custom_field_{i}").ToList();
        Merge(traits, "{" + string.Join(",", names.Select((n, i) => $"\"{n}\":{i}")) + "}");

        Assert.False(Merge(traits, """{"custom_field_41":41}"""));
        Assert.True(Merge(traits, """{"custom_field_41":"changed","custom_field_7":null}"""));

        Assert.Equal(59, traits.Count);
        Assert.Equal("changed", traits[new string("custom_field_41".ToCharArray())].AsString); // a name that is not the shared string
        Assert.True(traits["custom_field_7"].IsNull);
        Assert.All(names.Where(n => n is not "custom_field_41" and not "custom_field_7"), n => Assert.Equal(names.IndexOf(n), traits[n].AsNumber));
    }

    [Fact]
    public void Merge_EscapedOrRepeatedNames_ReadAsJsonReadsThem()
    {
        var traits = new TraitMap();
        Merge(traits, """{"plan":"team","plan":"business"}""");

        Assert.Equal("business", traits["plan"].AsString);
        Assert.False(Merge(traits, """{"pl\u0061n":"business"}"""));
        Assert.True(Merge(traits, """{"pl\u0061n":"enterprise"}"""));
        Assert.Equal(["plan"], traits.MemberNames);
        Assert.Equal("enterprise", traits["plan"].AsString);
    }

    [Fact]
    public void Merge_FromBytesAndFromADocument_AgreeAndEitherFindsTheOthersTraits()
    {
        var fromBytes = new TraitMap();
        var fromDocument = new TraitMap();
        const string json = """{"name":"Acme","tier":{"level":2},"tags":["a","b"],"score":7.5,"churned":false}""";

        Merge(fromBytes, json);
        using (var document = JsonDocument.Parse(json))
        {
            fromDocument.Merge(document.RootElement);
        }

        Assert.Equal(Read(fromBytes), Read(fromDocument));
        Assert.False(Merge(fromDocument, """{"score":7.5,"name":"Acme"}"""));
        Assert.True(Merge(fromDocument, """{"score":8}"""));
        Assert.Equal(ValueKind.Number, fromDocument["score"].Kind);
    }

    [Fact]
    public void Merge_IdTooLongForADouble_KeepsItsDigits_AndANeighbourWithTheSameDoubleReplacesIt()
    {
        var fromBytes = new TraitMap();
        var fromDocument = new TraitMap();
        Merge(fromBytes, """{"crm_id":12345678901234567890,"seats":10}""");
        using (var document = JsonDocument.Parse("""{"crm_id":12345678901234567890,"seats":10}"""))
        {
            fromDocument.Merge(document.RootElement);
        }

        Assert.Equal("12345678901234567890", fromBytes["crm_id"].NumberText);
        Assert.Equal("12345678901234567890", fromDocument["crm_id"].NumberText);
        Assert.Null(fromBytes["seats"].NumberText); // a double holds 10: nothing kept
        Assert.False(Merge(fromBytes, """{"crm_id":12345678901234567890}"""));
        Assert.True(Merge(fromBytes, """{"crm_id":12345678901234567891}""")); // the same double, another id
        Assert.Equal("12345678901234567891", fromBytes["crm_id"].ToString());
    }

    [Fact]
    public void Clear_ForgetsEveryTrait_AndTheMapFillsAgain()
    {
        var traits = new TraitMap();
        Merge(traits, "{" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"t{i}\":{i}")) + "}");

        traits.Clear();
        Assert.Equal(0, traits.Count);
        Assert.False(traits.TryGetMember("t3", out _));

        Assert.True(Merge(traits, """{"t3":"again"}"""));
        Assert.Equal("again", traits["t3"].AsString);
    }

    [Fact]
    public void Version_ChangesWithEveryChangeAndOnlyThen()
    {
        var traits = new TraitMap();
        var versions = new List<int> { traits.Version };
        void Step(Action change)
        {
            change();
            versions.Add(traits.Version);
        }

        Step(() => Merge(traits, """{"plan":"team","seats":5}"""));  // added
        Step(() => Merge(traits, """{"seats":5,"plan":"team"}"""));  // nothing new
        Step(() => Merge(traits, """{"plan":"business"}"""));         // changed
        Step(() => Merge(traits, """{"seats":null}"""));              // removed
        Step(() => Merge(traits, """{"seats":null}"""));              // already gone
        Step(traits.Clear);                                           // emptied

        Assert.Equal([false, true, false, true, true, false, true], versions.Zip(versions.Skip(1), (a, b) => a != b).Prepend(false));
    }
}
