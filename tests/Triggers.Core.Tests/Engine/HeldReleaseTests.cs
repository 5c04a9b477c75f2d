using Triggers.Core.Engine;

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

    private const string Reminder = HeldFireTests.Reminder;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SecondFireOverTheLimitOnlyThroughAHeldOne_IsDecidedAtTheMorning_AfterIt(bool firstLogsIn)
    {
        // Bob's reminder is held to 07:00Z (08:00 Berlin); Cat's, an hour later, would be the second in 14 days. If Bob
        // logs in during the night his reminder is dropped, and Cat, who never logged in, gets hers; if not, Bob's goes
        // out and Cat's is suppressed by the limit at the morning, not the night before.
        var outcomes = Scenario.Run(Reminder, $$"""
            test: two reminders due in one night
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { timezone: Europe/Berlin } }
              - { time: 2026-01-05T20:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u2, invitee_email: bob@acme.test } }
              - { time: 2026-01-05T21:00:00Z, type: user.invited, accountid: acme, userid: u1, data: { invitee_id: u3, invitee_email: cat@acme.test } }
              {{(firstLogsIn ? "- { time: 2026-01-08T22:00:00Z, type: user.logged_in, accountid: acme, userid: u2 }" : "")}}
            run_until: 2026-01-20T00:00:00Z
            expect: []
            """).Outcomes.Where(o => o.Kind is OutcomeKind.Action or OutcomeKind.Suppressed && o.Action == "email")
            .Select(o => $"{o.Time:yyyy-MM-ddTHH:mm}Z {o.Kind} {o.To}{(o.Reason is null ? "" : " " + o.Because)}").ToList();

        string[] expected = firstLogsIn
            ? ["2026-01-09T07:00Z Action cat@acme.test"]
            : ["2026-01-09T07:00Z Action bob@acme.test", "2026-01-09T07:00Z Suppressed cat@acme.test limit of 1 per 14d reached (last fired 2026-01-09T07:00:00Z)"];
        Assert.Equal(expected, outcomes);
    }

    [Fact]
    public void FireWaitingOnTheLimit_IsSavedWithTheState_AndDecidedAlikeWhenTheReplayGoesOn()
    {
        // The cloud saves the state between messages: a fire on standby overnight must still be one in the morning.
        static string Line(string id, string type, string time, string user, string data) =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"s","type":"{{{type}}}","time":"{{{time}}}","accountid":"acme","userid":"{{{user}}}","data":{{{data}}}}""";
        string[] night =
        [
            Line("a1", "account.updated", "2026-01-05T09:00:00Z", "u1", """{"timezone":"Europe/Berlin"}"""),
            Line("i1", "user.invited", "2026-01-05T20:00:00Z", "u1", """{"invitee_id":"u2","invitee_email":"bob@acme.test"}"""),
            Line("i2", "user.invited", "2026-01-05T21:00:00Z", "u1", """{"invitee_id":"u3","invitee_email":"cat@acme.test"}"""),
        ];
        var later = Line("p1", "page.viewed", "2026-01-12T10:00:00Z", "u9", "{}");
        var program = new CompiledPlaybooks(Triggers.Core.Loading.PlaybookLoader.Load([new Triggers.Core.Loading.SourceFile("p.yaml", Reminder)]).Set);
        var end = new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

        var onePass = new List<Outcome>();
        var simulator = new Simulator(program, new SimulationOptions { Until = end }, onePass.Add);
        foreach (var line in night.Append(later))
        {
            simulator.Add(System.Text.Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();

        var halves = new List<Outcome>();
        var first = new Simulator(program, new SimulationOptions { Until = new DateTimeOffset(2026, 1, 8, 23, 0, 0, TimeSpan.Zero), KeepStates = true }, halves.Add);
        foreach (var line in night)
        {
            first.Add(System.Text.Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        first.Finish();
        var saved = AccountStateSerializer.Serialize(first.Accounts["acme"], program);
        var second = new Simulator(program, new SimulationOptions { Until = end }, halves.Add);
        second.Resume(AccountStateSerializer.Deserialize(saved, program));
        second.Add(System.Text.Encoding.UTF8.GetBytes(later), "events.jsonl");
        second.Finish();

        Assert.Contains(onePass, o => o is { Kind: OutcomeKind.Suppressed, To: "cat@acme.test", Reason: "limit" }); // Bob's went out
        Assert.Equal(onePass.Select(o => o.Id).Order(), halves.Select(o => o.Id).Order());
    }
}
