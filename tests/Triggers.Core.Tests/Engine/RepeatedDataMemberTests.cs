using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// A member named twice inside an event's <c>data</c> (<c>{"n":1,"n":5}</c>) is read as its last one, as JavaScript and
/// most JSON readers read it, in every place that reads it: a condition, a template, the traits an
/// <c>account.updated</c> merges, a nested object. A condition seeing one value while the email quotes the other would
/// send a message its own rule did not mean.
/// </summary>
public sealed class RepeatedDataMemberTests
{
    private const string Playbook = """
        playbook: p
        rules:
          - id: big
            when: { event: usage.snapshot, where: event.data.n > 3 and account.plan == "team" }
            do:
              - task: { title: "n={{ event.data.n }} plan={{ account.plan }} k={{ event.data.o.k }}" }
        """;

    private static List<Outcome> Run(params string[] lines)
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);
        for (var i = 0; i < lines.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();
        return outcomes;
    }

    private static string Line(string id, string type, string time, string data) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"s","type":"{{{type}}}","time":"{{{time}}}","accountid":"acme","data":{{{data}}}}""";

    [Fact]
    public void MemberNamedTwice_IsReadAsItsLast_ByConditionsTemplatesAndTraitsAlike()
    {
        var outcomes = Run(
            Line("a1", "account.updated", "2026-01-05T09:00:00Z", """{"plan":"free","plan":"team"}"""),
            Line("u1", "usage.snapshot", "2026-01-05T10:00:00Z", """{"n":1,"o":{"k":"first","k":"last"},"n":5}"""),
            Line("u2", "usage.snapshot", "2026-01-05T11:00:00Z", """{"n":5,"n":1}"""));

        var task = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Action);
        Assert.Equal("u1", task.TriggerEventId);
        Assert.Equal("n=5 plan=team k=last", task.Title);
    }
}
