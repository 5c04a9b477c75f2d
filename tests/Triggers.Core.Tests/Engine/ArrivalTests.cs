using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// What the arrival of an event may and may not change: a copy redelivered long after is a duplicate, not late, and
/// ending a replay early (<c>--until</c>) changes nothing up to the end.
/// </summary>
public sealed class ArrivalTests
{
    private const string Playbook = InputTests.Playbook;

    private static (List<Outcome> Outcomes, SimulationStats Stats, List<string> Ignored) Run(TimeSpan lateness, DateTimeOffset? until, params string[] lines)
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var ignored = new List<string>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { AllowedLateness = lateness, Until = until }, outcomes.Add)
        {
            DuplicateIgnored = e => ignored.Add($"{e.Id} {OutcomeJson.Format(e.Time)}"),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();
        return (outcomes, simulator.Stats, ignored);
    }

    private static string Ticket(int n, string time, string account = "acme") =>
        $$$"""{"specversion":"1.0","id":"t{{{n}}}","source":"s","type":"ticket.opened","time":"{{{time}}}","accountid":"{{{account}}}","data":{"n":{{{n}}}}}""";

    [Fact]
    public void EventAfterUntil_MovesTheLatenessWatermark_SoAnEarlierOneArrivingAfterItIsLate_AsInTheFullRun()
    {
        // Ticket 3 is 1h30m behind ticket 2: late in the full run, and so with the run ended before ticket 2.
        Scenario.Passes(Playbook, """
            test: a replay ended early decides lateness as the full one does
            allowed_lateness: 30m
            events:
              - { id: t1, time: 2026-01-01T10:00:00Z, type: ticket.opened, accountid: acme, data: { n: 1 } }
              - { id: t2, time: 2026-01-01T12:00:00Z, type: ticket.opened, accountid: acme, data: { n: 2 } }
              - { id: t3, time: 2026-01-01T10:30:00Z, type: ticket.opened, accountid: acme, data: { n: 3 } }
            run_until: 2026-01-01T11:00:00Z
            expect:
              - { time: 2026-01-01T10:00:00Z, rule: p/ticket, action: task, title: ticket 1 }
              - { kind: late, time: 2026-01-01T10:30:00Z, trigger_event: t3, reason: 'arrived 1h 30m behind the newest event of its account; allowed lateness is 30m' }
            expect_only: true
            """);
    }

    [Fact]
    public void ReplayUntilT_GivesTheFullReplaysOutcomesUpToT_AndItsLateCountForThem()
    {
        string[] lines = [Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z", "globex"), Ticket(4, "2026-01-01T11:45:00Z"),
            Ticket(3, "2026-01-01T10:30:00Z"), Ticket(5, "2026-01-01T10:50:00Z", "globex")];
        var until = new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero);

        var (full, fullStats, _) = Run(TimeSpan.FromMinutes(30), null, lines);
        var (upTo, upToStats, _) = Run(TimeSpan.FromMinutes(30), until, lines);

        static string Show(Outcome o) => $"{o.Kind} {o.Id} {o.AccountId} {o.Time:O} {o.Title} {o.Reason}";
        Assert.Equal(full.Where(o => o.Time <= until).Select(Show), upTo.Select(Show));
        Assert.Equal((2, 2), (fullStats.Late, upToStats.Late)); // ticket 3 behind ticket 4's acme (in the full run), ticket 5 behind ticket 2's globex
        Assert.Equal(2, upToStats.AfterUntil);
    }

    [Fact]
    public void CopyOfAProcessedEvent_RedeliveredLaterThanTheAllowedLateness_IsADuplicate_NotLate()
    {
        // Service Bus redelivers a message hours later (a lock lost, a dead letter resubmitted): the account has seen it.
        var (outcomes, stats, ignored) = Run(TimeSpan.FromMinutes(30), null,
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z"), Ticket(1, "2026-01-01T10:00:00Z"));

        Assert.DoesNotContain(outcomes, o => o.Kind == OutcomeKind.Late);
        Assert.Equal(["ticket 1", "ticket 2"], outcomes.Select(o => o.Title));
        Assert.Equal((2, 1, 0), (stats.Processed, stats.Duplicates, stats.Late));
        Assert.Equal(["t1 2026-01-01T10:00:00Z"], ignored); // explain lists it as a duplicate
    }

    [Fact]
    public void TwoLateCopiesOfOneEvent_AreOneLateOutcome_AndADuplicate_NoOutcomeIdTwice()
    {
        var (outcomes, stats, _) = Run(TimeSpan.FromMinutes(30), null,
            Ticket(2, "2026-01-01T12:00:00Z"), Ticket(1, "2026-01-01T10:00:00Z"), Ticket(1, "2026-01-01T10:00:00Z"));

        var late = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Late);
        Assert.Equal(("t1", "events.jsonl:2", "arrived 2h behind the newest event of its account; allowed lateness is 30m"), (late.TriggerEventId, late.Because, late.Reason));
        Assert.Equal(outcomes.Count, outcomes.Select(o => o.Id).Distinct().Count());
        Assert.Equal((1, 1, 1), (stats.Processed, stats.Duplicates, stats.Late));
    }

    [Fact]
    public void LateEventWithTheIdOfALaterOne_IsLate_AndTheLaterOneIsProcessed()
    {
        // The account replays by event time: at 09:00 it had not seen t1 (its 10:00 event), so the 09:00 one is no
        // copy of anything it saw; being late, it is reported and changes nothing.
        var (outcomes, stats, _) = Run(TimeSpan.FromMinutes(30), null,
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(1, "2026-01-01T09:00:00Z").Replace("\"n\":1", "\"n\":9", StringComparison.Ordinal));

        Assert.Equal([(OutcomeKind.Late, null), (OutcomeKind.Action, "ticket 1")], outcomes.Select(o => (o.Kind, o.Title)));
        Assert.Equal((1, 0, 1), (stats.Processed, stats.Duplicates, stats.Late));
    }

    [Fact]
    public void LateCopyOfAnEventOfAnotherAccount_IsLate_IdsAreTheAccountsOwn()
    {
        var (outcomes, stats, _) = Run(TimeSpan.FromMinutes(30), null,
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z", "globex"), Ticket(1, "2026-01-01T10:00:00Z", "globex"));

        Assert.Equal("globex", Assert.Single(outcomes, o => o.Kind == OutcomeKind.Late).AccountId);
        Assert.Equal((2, 0, 1), (stats.Processed, stats.Duplicates, stats.Late));
    }

    [Fact]
    public void LineWithAClockFarAhead_MakesOnlyItsOwnAccountsLaterLinesLate()
    {
        // A source system with a broken clock writes 2099 once: its account's later lines are late, nobody else's.
        var (outcomes, stats, _) = Run(TimeSpan.Zero, null,
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2099-01-01T00:00:00Z", "globex"), Ticket(3, "2026-01-01T11:00:00Z"),
            Ticket(4, "2026-01-01T11:30:00Z", "globex"), Ticket(5, "2026-01-01T12:00:00Z"));

        Assert.Equal(["ticket 1", "ticket 2", "ticket 3", "ticket 5"], outcomes.Where(o => o.Kind == OutcomeKind.Action).Select(o => o.Title).Order());
        var late = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Late);
        Assert.Equal(("globex", "t4"), (late.AccountId, late.TriggerEventId));
        Assert.StartsWith("arrived 26662d", late.Reason, StringComparison.Ordinal);
        Assert.Equal((4, 1), (stats.Processed, stats.Late));
    }

    [Fact]
    public void HistoryExportedAccountByAccount_ReplaysWhole_AsTheTimeOrderedOneDoes()
    {
        // An export that lists each account's events together goes back in time at every new account: per account it is in order.
        string[] byTime = [Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T10:30:00Z", "globex"), Ticket(3, "2026-01-01T11:00:00Z"),
            Ticket(4, "2026-01-01T11:30:00Z", "globex"), Ticket(5, "2026-01-01T12:00:00Z", "initech")];
        string[] byAccount = [byTime[0], byTime[2], byTime[1], byTime[3], byTime[4]];

        static string Show(Outcome o) => $"{o.Kind} {o.Id} {o.AccountId} {o.Time:O} {o.Title}";
        var (inTime, _, _) = Run(TimeSpan.Zero, null, byTime);
        var (inAccounts, stats, _) = Run(TimeSpan.Zero, null, byAccount);

        Assert.Equal(inTime.Select(Show).Order(), inAccounts.Select(Show).Order());
        Assert.Equal((5, 0), (stats.Processed, stats.Late));
    }

    [Fact]
    public void ResumedAccount_KeepsItsClock_SoAnEventFurtherBehindThanTheLatenessIsLate_AsInOnePass()
    {
        // Ticket 2 (12:00) ends the first part; ticket 3 (09:00) arrives in the second, 3h behind with 1h allowed.
        var lateness = TimeSpan.FromHours(1);
        string[] lines = [Ticket(1, "2026-01-01T08:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z"), Ticket(3, "2026-01-01T09:00:00Z")];
        var (onePass, stats, _) = Run(lateness, null, lines);
        Assert.Equal(1, stats.Late);

        var program = new CompiledPlaybooks(PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set);
        var outcomes = new List<Outcome>();
        var first = new Simulator(program, new SimulationOptions { AllowedLateness = lateness, Until = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), KeepStates = true }, outcomes.Add);
        first.Add(Encoding.UTF8.GetBytes(lines[0]), "events.jsonl", 1);
        first.Add(Encoding.UTF8.GetBytes(lines[1]), "events.jsonl", 2);
        first.Finish();
        var second = new Simulator(program, new SimulationOptions { AllowedLateness = lateness }, outcomes.Add);
        second.Resume(AccountStateSerializer.Deserialize(AccountStateSerializer.Serialize(first.Accounts["acme"], program), program));
        second.Add(Encoding.UTF8.GetBytes(lines[2]), "events.jsonl", 3);
        second.Finish();

        Assert.Equal(1, second.Stats.Late);
        Assert.Equal(onePass.Select(o => (o.Kind, o.Id)).Order(), outcomes.Select(o => (o.Kind, o.Id)).Order()); // one pass sorts the late line by its time
    }

    [Fact]
    public void RejectedLineWithoutATime_IsAtTheSameTimeInItsPart_AsInTheFullRun()
    {
        // The untimed line is reported at the newest time read before it: 10:00, from a rejected line of another part.
        string[] lines =
        [
            """{"specversion":"1.0","id":"g1","source":"s","type":"page.viewed","time":"2026-01-05T08:00:00Z","accountid":"good"}""",
            """{"specversion":"0.3","id":"r1","source":"s","type":"page.viewed","time":"2026-01-05T10:00:00Z","accountid":"42"}""",
            """{"specversion":"1.0","id":"r2","source":"s","type":"page.viewed","accountid":"datebad"}""",
        ];
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        List<Outcome> Replay(HistoryPart? part)
        {
            var outcomes = new List<Outcome>();
            var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { Part = part }, outcomes.Add);
            for (var i = 0; i < lines.Length; i++)
            {
                simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
            }

            simulator.Finish();
            return outcomes;
        }

        var full = Replay(null).Where(o => o.Kind == OutcomeKind.Rejected).ToDictionary(o => o.AccountId!, o => o.Time);
        // Two parts: "42" and "datebad" fall in different ones.
        var parts = Enumerable.Range(1, 2).SelectMany(k => Replay(new HistoryPart(k, 2))).Where(o => o.Kind == OutcomeKind.Rejected).ToDictionary(o => o.AccountId!, o => o.Time);

        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), full["datebad"]);
        Assert.Equal(full, parts);
    }
}
