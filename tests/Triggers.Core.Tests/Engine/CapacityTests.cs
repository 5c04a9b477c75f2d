using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// An account that already waits on <see cref="AccountState.MaxPending"/> windows and timers (a bulk invite of 130 users
/// opens two each) cannot hold a fire for quiet hours: each action is reported suppressed for <c>capacity</c>, under an
/// id of its own, and the fire, of which nothing goes out, does not use up the rule's <c>limit</c> (audit 33).
/// </summary>
public sealed class CapacityTests
{
    private const string Playbooks = """
        playbook: ticket-ack
        rules:
          - id: ack
            when: { event: ticket.opened }
            do:
              - email: { to: "{{ account.admin_email }}", template: ticket-received }
              - task: { title: "call about ticket {{ trigger.data.n }}", assignee: "{{ account.csm_email }}" }
            limit: { max: 1, per: 1d }
            quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
          - id: invitee-never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - task: { title: "{{ trigger.data.invitee_id }} never logged in" }
        """;

    private static string Line(string id, string type, string time, string data) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"s","type":"{{{type}}}","time":"{{{time}}}","accountid":"acme","data":{{{data}}}}""";

    [Fact]
    public void HeldFireRefusedForCapacity_ReportsEachActionUnderItsOwnId_AndLeavesTheLimitFree()
    {
        var lines = new List<string> { Line("a1", "account.updated", "2026-01-05T08:00:00Z", """{"admin_email":"ann@acme.test","csm_email":"cs@vendor.test"}""") };
        for (var i = 0; i < AccountState.MaxPending; i++)
        {
            lines.Add(Line($"i{i}", "user.invited", $"2026-01-05T09:{i / 60:D2}:{i % 60:D2}Z", $$"""{"invitee_id":"u{{i}}"}"""));
        }

        lines.Add(Line("t1", "ticket.opened", "2026-01-05T21:00:00Z", """{"n":1}"""));
        lines.Add(Line("t2", "ticket.opened", "2026-01-06T12:00:00Z", """{"n":2}"""));

        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbooks)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { Until = new DateTimeOffset(2026, 1, 7, 0, 0, 0, TimeSpan.Zero) }, outcomes.Add);
        for (var i = 0; i < lines.Count; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();

        var refused = outcomes.Where(o => o.Kind == OutcomeKind.Suppressed && o.Rule == "ack" && o.TriggerEventId == "t1").ToList();
        Assert.Equal(["email", "task"], refused.Select(o => o.Action));
        Assert.All(refused, o => Assert.Equal("capacity", o.Reason));
        Assert.NotEqual(refused[0].Id, refused[1].Id);

        // t2, the next day: the first acknowledgement that can go out, not "limit reached" by one that never went.
        var next = outcomes.Where(o => o.Rule == "ack" && o.TriggerEventId == "t2").ToList();
        Assert.Equal([(OutcomeKind.Action, "email"), (OutcomeKind.Action, "task")], next.Select(o => (o.Kind, o.Action)));
    }
}
