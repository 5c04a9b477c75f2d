namespace Triggers.Core.Tests.Engine;

/// <summary>
/// How a morning releases the fires quiet hours held (audit 33): each fire is decided once, all its actions together,
/// against the state of the morning before anything released then has an effect; a threshold fire belongs to its own
/// crossing. Held at night, a fire must go out as the same fire would have in the daytime, or not at all.
/// </summary>
public sealed class HeldReleaseTests
{
    private const string Account = "{ time: 2026-02-01T12:00:00Z, type: account.updated, accountid: acme, data: { admin_email: ann@acme.test, " +
                                   "csm_email: cs@vendor.test, seats_purchased: 10, seats_assigned: 8 } }";

    [Fact]
    public void ThresholdFireHeldOvernight_IsDropped_WhenItsCrossingEnded_EvenIfALaterCrossingFiredTheSameNight()
    {
        // Crossing 1 fires at 21:30 (held), ends at 22:00; crossing 2 starts at 23:00 and fires at 00:00 (held). The
        // morning sends crossing 2's email only, not two identical ones.
        Scenario.Passes("""
            playbook: seats
            rules:
              - id: low-seats
                when:
                  threshold: { value: account.seats_assigned / account.seats_purchased, below: 0.4, for: 1h }
                do:
                  - email: { to: "{{ account.admin_email }}", template: assign-seats }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """, $$"""
            test: two crossings in one night
            events:
              - {{Account}}
              - { time: 2026-02-01T20:30:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
              - { time: 2026-02-01T22:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 8 } }
              - { time: 2026-02-01T23:00:00Z, type: account.updated, accountid: acme, data: { seats_assigned: 2 } }
            run_until: 2026-02-03T00:00:00Z
            expect:
              - { time: 2026-02-02T08:00:00Z, rule: seats/low-seats, action: email, to: ann@acme.test }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("13:00")]
    [InlineData("22:00")]
    public void FireThatSetsAFlagItChecks_SendsEveryAction_DayOrNight(string at)
    {
        // The emit comes first and sets the flag the rule's where reads: in the daytime all three go out together;
        // held overnight, the email and task must not be re-checked against the flag their own fire set.
        var morning = at == "13:00" ? "2026-02-01T13:00:00Z" : "2026-02-02T08:00:00Z";
        Scenario.Passes("""
            playbook: trial-nudge
            rules:
              - id: no-login
                when: { event: trial.started }
                where: account.trial_nudged != true
                do:
                  - emit: { type: account.updated, data: { trial_nudged: true } }
                  - email: { to: "{{ account.admin_email }}", template: trial-nudge }
                  - task: { title: never logged in during trial, assignee: "{{ account.csm_email }}" }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """, $$"""
            test: the nudge goes out whole
            events:
              - {{Account}}
              - { time: 2026-02-01T{{at}}:00Z, type: trial.started, accountid: acme }
            run_until: 2026-02-03T00:00:00Z
            expect:
              - { time: {{morning}}, rule: trial-nudge/no-login, action: emit }
              - { time: {{morning}}, rule: trial-nudge/no-login, action: email, to: ann@acme.test }
              - { time: {{morning}}, rule: trial-nudge/no-login, action: task }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TwoRulesHeldToTheSameMorning_AreDecidedAlike_WhicheverIsWrittenFirst(bool markFirst)
    {
        // One rule marks the account welcomed, the other emails unless it is: fired by the same event, both go out in
        // the daytime (emits are handled after every rule the event fired), and so they must at the morning.
        const string mark = """
              - id: mark
                when: { event: subscription.started }
                do:
                  - emit: { type: account.updated, data: { welcomed: true } }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """;
        const string email = """
              - id: welcome-email
                when: { event: subscription.started }
                where: account.welcomed != true
                do:
                  - email: { to: "{{ account.admin_email }}", template: welcome }
                quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
            """;
        Scenario.Passes($"playbook: welcome\nrules:\n{(markFirst ? mark + "\n" + email : email + "\n" + mark)}\n", $$"""
            test: the welcome goes out at the morning
            events:
              - {{Account}}
              - { time: 2026-02-01T22:00:00Z, type: subscription.started, accountid: acme }
            run_until: 2026-02-03T00:00:00Z
            expect:
              - { time: 2026-02-02T08:00:00Z, rule: welcome/mark, action: emit }
              - { time: 2026-02-02T08:00:00Z, rule: welcome/welcome-email, action: email, to: ann@acme.test }
            expect_only: true
            """);
    }
}
