namespace Triggers.Core.Tests.Engine;

public sealed class MilestoneAndStageTests
{
    private const string Activation = """
        playbook: activation
        milestones:
          - id: colleague-activated
            reached_when: { event: user.invited }
            success: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 7d }
        rules:
          - id: red-flag
            when: { milestone: colleague-activated, is: failed }
            do:
              - task: { title: "{{ trigger.data.invitee_email }} was never activated", priority: high }
          - id: celebrate
            when: { milestone: colleague-activated, is: succeeded }
            do:
              - emit: { type: alert.raised, data: { kind: activated } }
        """;

    [Fact]
    public void Milestone_SuccessWithinWindow_ReachedThenSucceeded()
    {
        Scenario.Passes(Activation, """
            test: invitee logs in on day three
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-08T10:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-05T10:00:00Z, kind: milestone, milestone: activation/colleague-activated, status: reached }
              - { time: 2026-01-08T10:00:00Z, kind: milestone, milestone: activation/colleague-activated, status: succeeded }
              - { time: 2026-01-08T10:00:00Z, rule: activation/celebrate, action: emit, type: alert.raised }
            expect_only: true
            """);
    }

    [Fact]
    public void Milestone_Succeeded_ExplanationNamesTheEventThatCompletedIt()
    {
        // "Why did this succeed?" The login did; the trigger event stays the invitation, which reports pair it with.
        var set = Triggers.Core.Loading.PlaybookLoader.Load([new("activation.yaml", Activation)]).Set;
        var outcomes = new List<Triggers.Core.Engine.Outcome>();
        var simulator = new Triggers.Core.Engine.Simulator(new(set), new(), outcomes.Add);
        simulator.Add("""{"specversion":"1.0","id":"inv-1","source":"s","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","userid":"u1","data":{"invitee_id":"u2"}}"""u8, "e.jsonl");
        simulator.Add("""{"specversion":"1.0","id":"login-7","source":"s","type":"user.logged_in","time":"2026-01-08T10:00:00Z","accountid":"acme","userid":"u2"}"""u8, "e.jsonl");
        simulator.Finish();

        var succeeded = Assert.Single(outcomes, o => o.Status == "succeeded");
        Assert.Equal("user.logged_in login-7 arrived within 7d", succeeded.Because);
        Assert.Equal("inv-1", succeeded.TriggerEventId);
    }

    [Fact]
    public void Milestone_ReachedByTheClock_ExplanationSaysWhatReachedIt()
    {
        // No event reached it: the explanation names its schedule, not a "trigger" with no id.
        var set = Triggers.Core.Loading.PlaybookLoader.Load([new("kickoff.yaml", """
            playbook: kickoff
            milestones:
              - id: held
                reached_when: { schedule: { date: account.kickoff, offset: -1d } }
                success: { event: kickoff.done, within: 2d }
            rules: []
            """)]).Set;
        var outcomes = new List<Triggers.Core.Engine.Outcome>();
        var simulator = new Triggers.Core.Engine.Simulator(new(set), new() { Until = DateTimeOffset.Parse("2026-01-20T00:00:00Z") }, outcomes.Add);
        simulator.Add("""{"specversion":"1.0","id":"a1","source":"s","type":"account.updated","time":"2026-01-05T10:00:00Z","accountid":"acme","data":{"kickoff":"2026-01-10"}}"""u8, "e.jsonl");
        simulator.Finish();

        var reached = Assert.Single(outcomes, o => o.Status == "reached");
        Assert.Equal("schedule account.kickoff -1d; success needs kickoff.done within 2d", reached.Because);
    }

    [Fact]
    public void Milestone_WindowPasses_FailsAndRaisesTheRedFlagRule()
    {
        Scenario.Passes(Activation, """
            test: invitee never logs in
            events:
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
            run_until: 2026-01-20T00:00:00Z
            expect:
              - { time: 2026-01-05T10:00:00Z, kind: milestone, milestone: colleague-activated, status: reached }
              - { time: 2026-01-12T10:00:00Z, kind: milestone, milestone: colleague-activated, status: failed }
              - { time: 2026-01-12T10:00:00Z, rule: activation/red-flag, action: task, title: bob@acme.test was never activated }
            expect_only: true
            """);
    }

    private const string Stages = """
        playbook: stages
        rules:
          - id: welcome-to-adoption
            when: { stage: adoption, is: entered }
            do:
              - email: { to: "{{ account.admin_email }}", template: adoption-tips }
          - id: stuck-onboarding
            when: { stage: onboarding, stuck_for: 30d }
            do:
              - task: { title: "Stuck in onboarding since {{ trigger.time }}" }
        """;

    [Fact]
    public void Stage_KeyFeatureUsed_EntersAdoptionAndFiresTheEntryRule()
    {
        Scenario.Passes(Stages, """
            test: onboarding then adoption within two weeks
            events:
              - { time: 2026-01-01T09:00:00Z, type: account.updated, accountid: acme, data: { admin_email: admin@acme.test } }
              - { time: 2026-01-01T10:00:00Z, type: subscription.started, accountid: acme }
              - { time: 2026-01-14T10:00:00Z, type: feature.used, accountid: acme, userid: u1, data: { feature: dashboards, key: true } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { time: 2026-01-01T10:00:00Z, kind: stage, stage: onboarding }
              - { time: 2026-01-14T10:00:00Z, kind: stage, stage: adoption }
              - { time: 2026-01-14T10:00:00Z, rule: stages/welcome-to-adoption, action: email, to: admin@acme.test }
            expect_only: true
            """);
    }

    [Fact]
    public void Stage_NoProgressForThirtyDays_StuckRuleFires()
    {
        Scenario.Passes(Stages, """
            test: never uses a key feature
            events:
              - { time: 2026-01-01T10:00:00Z, type: subscription.started, accountid: acme }
              - { time: 2026-01-10T10:00:00Z, type: feature.used, accountid: acme, userid: u1, data: { feature: exports, key: false } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { time: 2026-01-31T10:00:00Z, rule: stages/stuck-onboarding, action: task, title: "Stuck in onboarding since 2026-01-01T10:00:00Z" }
            expect_only: true
            """);
    }

    [Fact]
    public void Stage_Advances_CancelsTheStuckTimer()
    {
        Scenario.Passes(Stages, """
            test: adoption on day 20 means not stuck
            events:
              - { time: 2026-01-01T09:00:00Z, type: account.updated, accountid: acme, data: { admin_email: admin@acme.test } }
              - { time: 2026-01-01T10:00:00Z, type: subscription.started, accountid: acme }
              - { time: 2026-01-21T10:00:00Z, type: feature.used, accountid: acme, userid: u1, data: { key: true } }
            run_until: 2026-03-01T00:00:00Z
            expect:
              - { rule: stages/welcome-to-adoption, action: email }
            expect_only: true
            """);
    }

    [Fact]
    public void Stage_ManyRulesBeforeTheJourney_EachAccountEntersEachStageOnceEvenWhenItsEventsRepeat()
    {
        // Seventy rules come before the journey's stages, so stage reactions sit past the first 64: where the engine
        // keeps what an account has entered in more than one word. Two accounts: the second reuses the first's state.
        var rules = string.Concat(Enumerable.Range(0, 70).Select(i => $$"""

              - id: rule-{{i}}
                when: { event: ticket.opened, where: event.data.n == {{i}} }
                do:
                  - task: { title: "ticket {{i}}" }
            """));
        var playbook = "playbook: many\nrules:" + rules;
        (string Account, int Hour)[] accounts = [("acme", 10), ("zeta", 11)];
        (int Day, string Type)[] days =
            [(1, "subscription.started"), (2, "subscription.started"), (3, "feature.used"), (4, "feature.used"), (5, "subscription.renewed"), (6, "subscription.started"), (7, "feature.used")];
        var events = string.Concat(days.SelectMany(d => accounts.Select(a => $$"""

              - { time: 2026-01-0{{d.Day}}T{{a.Hour}}:00:00Z, type: {{d.Type}}, accountid: {{a.Account}}, data: { key: true } }
            """)));
        var expect = string.Concat(accounts.Select(a => $$"""

              - { time: 2026-01-01T{{a.Hour}}:00:00Z, kind: stage, accountid: {{a.Account}}, stage: onboarding }
              - { time: 2026-01-03T{{a.Hour}}:00:00Z, kind: stage, accountid: {{a.Account}}, stage: adoption }
              - { time: 2026-01-05T{{a.Hour}}:00:00Z, kind: stage, accountid: {{a.Account}}, stage: retention }
            """));

        Scenario.Passes(playbook, "test: stages entered once\nevents:" + events + "\nrun_until: 2026-02-01T00:00:00Z\nexpect:" + expect + "\nexpect_only: true\n");
    }
}
