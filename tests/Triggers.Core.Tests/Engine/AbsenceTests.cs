using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

public sealed class AbsenceTests
{
    private const string Invite = """
        playbook: invite
        rules:
          - id: never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - task: { title: "{{ trigger.data.invitee_email }} never logged in", due: 2d, priority: high }
        """;


    [Fact]
    public void Absence_NoMatchingEventInWindow_FiresWhenWindowCloses()
    {
        Scenario.Passes(Invite, """
            test: nobody logs in
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task, title: bob@acme.test never logged in, priority: high }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("2026-01-06T10:00:00Z", "free", false)] // downgraded while the window was open: the playbook no longer applies
    [InlineData("2026-01-06T10:00:00Z", "business", true)] // still in the segment
    [InlineData("2026-01-08T10:30:00Z", "free", true)] // downgraded after the task went out
    public void Absence_AccountLeavesTheSegmentWhileTheWindowIsOpen_GetsNothing(string changed, string plan, bool fires)
    {
        var expect = fires ? "\n  - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task }" : "[]";
        Scenario.Passes(Invite.Replace("rules:", "applies_to: account.plan in [\"team\", \"business\"]\nrules:", StringComparison.Ordinal), $$"""
            test: the segment is checked again when the window closes
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: {{changed}}, type: account.updated, accountid: acme, data: { plan: {{plan}} } }
            run_until: 2026-01-20T00:00:00Z
            expect: {{expect}}
            expect_only: true
            """);
    }

    [Fact]
    public void QuietHours_AccountLeavesTheSegmentDuringTheNight_GetsNothingInTheMorning()
    {
        Scenario.Passes("""
            playbook: nightly
            applies_to: account.plan == "team"
            rules:
              - id: tell
                when: { event: ticket.escalated }
                do:
                  - task: { title: escalated }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """, """
            test: the task held for the morning is not sent to an account that left the segment overnight
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { plan: team } }
              - { time: 2026-01-05T22:00:00Z, type: ticket.escalated, accountid: acme }
              - { time: 2026-01-06T02:00:00Z, type: account.updated, accountid: acme, data: { plan: free } }
            run_until: 2026-01-07T00:00:00Z
            expect: []
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("2026-01-10T10:00:00Z", true)] // fired 01-08 10:00, due: 2d
    [InlineData("2026-01-10T11:00:00+01:00", true)] // the same instant, written with an offset
    [InlineData("2026-01-09T10:00:00Z", false)]
    public void Task_DueTime_CanBeExpected(string due, bool passes)
    {
        var result = Scenario.Run(Invite, $$"""
            test: the task is due two days after it fired
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task, due: "{{due}}" }
            """);

        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            Assert.Contains("due is '2026-01-10T10:00:00Z', not '2026-01-09T10:00:00Z'", string.Join("\n", result.Report), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Absence_InviteeLogsInWithinWindow_DoesNotFire()
    {
        Scenario.Passes(Invite, """
            test: the invitee logs in on day two
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-07T08:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            run_until: 2026-01-20T00:00:00Z
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void Absence_LoginExactlyAtWindowEnd_CountsAsWithin()
    {
        Scenario.Passes(Invite, """
            test: a login at the last instant still counts
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-08T10:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            run_until: 2026-01-20T00:00:00Z
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void Absence_SomeoneElseLogsIn_StillFires()
    {
        Scenario.Passes(Invite, """
            test: the inviter's own login does not count, the unless condition refers to the trigger
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-06T10:00:00Z, type: user.logged_in, accountid: acme, userid: u1 }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task }
            expect_only: true
            """);
    }

    [Fact]
    public void Absence_LoginAfterWindow_DoesNotCancel()
    {
        Scenario.Passes(Invite, """
            test: logging in on day four is too late
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-09T10:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task }
            expect_only: true
            """);
    }

    [Fact]
    public void Absence_RunEndsBeforeWindowCloses_NothingFiresYet()
    {
        Scenario.Passes(Invite, """
            test: the window is still open when the run stops
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
            run_until: 2026-01-08T09:59:59Z
            expect: []
            expect_only: true
            """);
    }

    [Fact]
    public void Absence_TwoInvites_EachHasItsOwnWindow()
    {
        Scenario.Passes(Invite, """
            test: one of two invitees logs in
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-05T11:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u3, invitee_email: eve@acme.test } }
              - { time: 2026-01-06T11:00:00Z, type: user.logged_in, accountid: acme, userid: u3 }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-08T10:00:00Z, rule: invite/never-logged-in, action: task, title: bob@acme.test never logged in }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("evt-1", "evt-1")]
    [InlineData("evt\\u002d1", "evt-1")] // written escaped: read back as its text
    [InlineData("evt\\\\1", "evt\\1")] // an escaped backslash
    public void Absence_WindowFires_ReportsAndRendersItsTriggersIdAsWritten(string written, string id)
    {
        const string playbook = """
            playbook: invite
            rules:
              - id: never-logged-in
                when: { event: user.invited }
                unless: { event: user.logged_in, within: 3d }
                do:
                  - task: { title: "invite {{ trigger.id }} unanswered" }
            """;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(PlaybookLoader.Load([new SourceFile("invite.yaml", playbook)]).Set), new SimulationOptions(), outcomes.Add);
        simulator.Add(Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","id":"{{written}}","source":"t","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme"}"""), "events.jsonl");
        simulator.Add(Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"later","source":"t","type":"page.viewed","time":"2026-01-20T10:00:00Z","accountid":"acme"}"""), "events.jsonl");

        simulator.Finish();

        var task = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Action);
        Assert.Equal((id, $"invite {id} unanswered"), (task.TriggerEventId, task.Title));
    }

    [Theory]
    [InlineData("14d", "no user.logged_in within 14d")]
    [InlineData("2w", "no user.logged_in within 2w")]
    [InlineData("336h", "no user.logged_in within 336h")]
    public void Because_NamesTheWindowAsThePlaybookWroteIt(string within, string expected)
    {
        var playbook = $$"""
            playbook: invite
            rules:
              - id: never-logged-in
                when: { event: user.invited }
                unless: { event: user.logged_in, within: {{within}} }
                do:
                  - task: { title: unanswered }
            """;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(PlaybookLoader.Load([new SourceFile("invite.yaml", playbook)]).Set), new SimulationOptions(), outcomes.Add);
        simulator.Add("""{"specversion":"1.0","id":"i1","source":"t","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme"}"""u8, "events.jsonl");
        simulator.Add("""{"specversion":"1.0","id":"later","source":"t","type":"page.viewed","time":"2026-02-20T10:00:00Z","accountid":"acme"}"""u8, "events.jsonl");

        simulator.Finish();

        Assert.Equal($"user.invited i1; {expected}", Assert.Single(outcomes, o => o.Kind == OutcomeKind.Action).Because);
    }
}
