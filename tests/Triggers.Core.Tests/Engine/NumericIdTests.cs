using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// CloudEvents lets an extension attribute be an integer, and a CRM that numbers its accounts sends
/// <c>"accountid": 42</c>: that is account <c>42</c>, the same one as <c>"accountid": "42"</c>, and likewise for users.
/// </summary>
public sealed class NumericIdTests
{
    private const string Playbook = """
        playbook: p
        rules:
          - id: ticket
            when: { event: ticket.opened }
            do:
              - task: { title: "ticket of {{ event.accountid }} by {{ user.name }} ({{ event.userid }})" }
        """;

    private static (List<Outcome> Outcomes, SimulationStats Stats) Run(params string[] lines)
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);
        for (var i = 0; i < lines.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();
        return (outcomes, simulator.Stats);
    }

    private static string Line(string id, string type, string account, string user, string data = "{}") =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"crm","type":"{{type}}","time":"2026-01-0{{id[^1]}}T10:00:00Z","accountid":{{account}},"userid":{{user}},"data":{{data}}}""";

    [Fact]
    public void AccountAndUserGivenAsWholeNumbers_AreTheSameAsTheirDigitsAsText()
    {
        var (outcomes, stats) = Run(
            Line("e1", "user.updated", "42", "7", """{"name":"Ann"}"""),
            Line("e2", "ticket.opened", "\"42\"", "\"7\""),
            Line("e3", "ticket.opened", "42", "7"),
            Line("e4", "ticket.opened", "-3", "0"));

        Assert.Equal((4, 0, 2), (stats.Processed, stats.Rejected, stats.Accounts));
        Assert.Equal(
            ["42: ticket of 42 by Ann (7)", "42: ticket of 42 by Ann (7)", "-3: ticket of -3 by  (0)"],
            outcomes.Where(o => o.Kind == OutcomeKind.Action).OrderBy(o => o.Time).Select(o => $"{o.AccountId}: {o.Title}"));
    }

    [Theory]
    [InlineData("4.2", "\"u\"", "'accountid' must be a non-empty string or a whole number")]
    [InlineData("4e2", "\"u\"", "'accountid' must be a non-empty string or a whole number")]
    [InlineData("\"a\"", "7.5", "'userid' must be the user's id as text or a whole number, not a number")]
    [InlineData("\"a\"", "[7]", "'userid' must be the user's id as text or a whole number, not an array")]
    public void IdGivenAsANumberThatIsNotWhole_IsRejectedWithTheReason(string account, string user, string reason)
    {
        var (outcomes, stats) = Run(Line("e1", "ticket.opened", account, user));

        Assert.Equal(1, stats.Rejected);
        Assert.StartsWith(reason, Assert.Single(outcomes).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NumericAccountId_InAPlaybookTest_IsTheAccountsId() =>
        Scenario.Passes(Playbook, """
            test: a CRM that numbers its accounts
            events:
              - { time: 2026-01-05T09:00:00Z, type: user.updated, accountid: 42, userid: 7, data: { name: Ann } }
              - { time: 2026-01-05T10:00:00Z, type: ticket.opened, accountid: 42, userid: 7 }
            expect:
              - { time: 2026-01-05T10:00:00Z, rule: p/ticket, action: task, accountid: "42", title: ticket of 42 by Ann (7) }
            expect_only: true
            """);
}
