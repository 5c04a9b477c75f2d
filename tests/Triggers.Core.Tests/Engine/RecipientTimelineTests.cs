using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// The unsubscribes and bounces a replay shares between accounts (<see cref="RecipientTimeline"/>) are exactly the ones
/// the engine processes: a duplicate, late, malformed or after-the-end one suppresses nobody, anywhere, and one on time
/// for its own account (lateness is per account) suppresses by its time everywhere, however the accounts interleave.
/// </summary>
public sealed class RecipientTimelineTests
{
    private const string Advocacy = """
        playbook: advocacy
        rules:
          - id: ask-for-review
            when: { event: nps.answered, where: event.data.score >= 9 }
            do:
              - email: { to: "{{ user.email }}", template: review-request }
        """;

    // Ann and Bob sit in globex too: each test starts with them there and ends with both answering there.
    private const string GlobexUsers = """
          - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: globex, userid: ann, data: { email: ann@acme.test } }
          - { time: 2026-01-01T09:00:00Z, type: user.updated, accountid: globex, userid: bob, data: { email: bob@acme.test } }
        """;

    private const string GlobexAnswers = """
          - { time: 2026-01-10T10:00:00Z, type: nps.answered, accountid: globex, userid: ann, data: { score: 10 } }
          - { time: 2026-01-10T11:00:00Z, type: nps.answered, accountid: globex, userid: bob, data: { score: 10 } }
        """;

    [Fact]
    public void DuplicateIdBounce_ForAnotherAddress_IsIgnored_SoThatAddressStillGetsEmail()
    {
        // A redelivery whose data changed (or a producer reusing ids): the engine ignores the second b1, so Bob never bounced.
        Scenario.Passes(Advocacy, $$"""
            test: only the bounce the engine took suppresses
            events:
            {{GlobexUsers}}
              - { id: b1, time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: ann@acme.test } }
              - { id: b1, time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }
              - { time: 2026-01-06T09:00:00Z, type: user.updated, accountid: acme, userid: bob, data: { email: bob@acme.test } }
              - { time: 2026-01-10T09:00:00Z, type: nps.answered, accountid: acme, userid: bob, data: { score: 10 } }
            {{GlobexAnswers}}
            expect:
              - { time: 2026-01-10T09:00:00Z, rule: advocacy/ask-for-review, action: email, to: bob@acme.test }
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
              - { time: 2026-01-10T11:00:00Z, rule: advocacy/ask-for-review, action: email, to: bob@acme.test }
            expect_only: true
            """);
    }

    [Fact]
    public void BounceCarryingTheIdOfAnEarlierEventOfItsAccount_IsADuplicate_AndSuppressesNobody()
    {
        Scenario.Passes(Advocacy, $$"""
            test: a bounce the engine ignores as a duplicate of a login
            events:
            {{GlobexUsers}}
              - { id: x1, time: 2026-01-04T09:00:00Z, type: user.logged_in, accountid: acme, userid: bob }
              - { id: x1, time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }
            {{GlobexAnswers}}
            expect:
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-01-10T11:00:00Z, rule: advocacy/ask-for-review, action: email, to: bob@acme.test }
            expect_only: true
            """);
    }

    [Fact]
    public void DuplicateIdBounces_ArrivingOutOfOrder_TheEarlierByEventTimeIsTheOneTaken()
    {
        // The account replays by event time, so the 09:00 bounce is the one it processes and the 10:00 one the duplicate.
        Scenario.Passes(Advocacy, $$"""
            test: the bounce first in time is taken
            allowed_lateness: 1h
            events:
            {{GlobexUsers}}
              - { id: b1, time: 2026-01-05T10:00:00Z, type: email.bounced, accountid: acme, data: { email: ann@acme.test } }
              - { id: b1, time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }
            {{GlobexAnswers}}
            expect:
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-01-10T11:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
            expect_only: true
            """);
    }

    [Fact]
    public void BounceWithAnIdTheAccountHasForgotten_IsProcessed_AndSuppresses()
    {
        // The account remembers its last 64 ids; a reused id older than that is a new event to it, and to the timeline.
        var between = string.Concat(Enumerable.Range(0, 64).Select(i =>
            $"\n  - {{ time: 2026-01-06T{9 + i / 60:D2}:{i % 60:D2}:00Z, type: user.logged_in, accountid: acme, userid: u{i} }}"));
        Scenario.Passes(Advocacy, $$"""
            test: a reused id past the account's memory
            events:
            {{GlobexUsers}}
              - { id: b1, time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, data: { email: ann@acme.test } }{{between}}
              - { id: b1, time: 2026-01-07T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }
            {{GlobexAnswers}}
            expect:
              - { time: 2026-01-10T10:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
              - { time: 2026-01-10T11:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
            expect_only: true
            """);
    }

    [Theory]
    [InlineData("{ time: 2026-01-11T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }", "")] // after run_until
    [InlineData("{ time: 2026-01-05T09:00:00Z, type: email.bounced, accountid: acme, specversion: '0.3', data: { email: bob@acme.test } }",
        "{ time: 2026-01-05T09:00:00Z, kind: rejected, reason: 'specversion must be \"1.0\"' }")] // rejected
    public void BounceTheEngineNeverProcesses_SuppressesNobody(string bounce, string rejection)
    {
        Scenario.Passes(Advocacy, $$"""
            test: a bounce that is not processed
            events:
            {{GlobexUsers}}
            {{GlobexAnswers}}
              - {{bounce}}
            run_until: 2026-01-10T12:00:00Z
            expect:
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-01-10T11:00:00Z, rule: advocacy/ask-for-review, action: email, to: bob@acme.test }
            {{(rejection.Length > 0 ? $"  - {rejection}" : "")}}
            expect_only: true
            """);
    }

    [Fact]
    public void BounceOnTimeForItsAccount_ArrivingAfterAnotherAccountsLaterEvents_SuppressesByItsTimeEverywhere()
    {
        // Lateness is per account: acme's first line is on time for acme, however far globex's lines had gone (a history
        // exported account by account), and the bounce counts from its own time in every account, as in time order.
        Scenario.Passes(Advocacy, $$"""
            test: a bounce listed after another account's later events
            events:
            {{GlobexUsers}}
            {{GlobexAnswers}}
              - { time: 2026-01-02T09:00:00Z, type: email.bounced, accountid: acme, data: { email: bob@acme.test } }
              - { time: 2026-01-03T09:00:00Z, type: user.updated, accountid: acme, userid: bob, data: { email: bob@acme.test } }
              - { time: 2026-01-04T09:00:00Z, type: nps.answered, accountid: acme, userid: bob, data: { score: 10 } }
            run_until: 2026-01-10T12:00:00Z
            expect:
              - { time: 2026-01-04T09:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
              - { time: 2026-01-10T10:00:00Z, rule: advocacy/ask-for-review, action: email, to: ann@acme.test }
              - { time: 2026-01-10T11:00:00Z, kind: suppressed, rule: advocacy/ask-for-review, reason: bounced }
            expect_only: true
            """);
    }

    private static string Line(string id, string time, string account, string type, string data, string? user = null) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"s","type":"{{type}}","time":"{{time}}","accountid":"{{account}}"{{(user is null ? "" : $",\"userid\":\"{user}\"")}},"data":{{data}}}""";

    private static readonly string[] History =
    [
        Line("g1", "2026-01-01T09:00:00Z", "globex", "user.updated", """{"email":"bob@acme.test"}""", "bob"),
        Line("b1", "2026-01-05T09:00:00Z", "acme", "email.bounced", """{"email":"ann@acme.test"}"""),
        Line("b1", "2026-01-05T09:00:00Z", "acme", "email.bounced", """{"email":"bob@acme.test"}"""),
        Line("g2", "2026-01-10T11:00:00Z", "globex", "nps.answered", """{"score":10}""", "bob"),
    ];

    private static List<Outcome> Replay(SimulationOptions options, IEnumerable<string> lines, IEnumerable<AccountState>? resumed = null, CompiledPlaybooks? program = null)
    {
        program ??= new CompiledPlaybooks(PlaybookLoader.Load([new SourceFile("advocacy.yaml", Advocacy)]).Set);
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(program, options, outcomes.Add);
        foreach (var state in resumed ?? [])
        {
            simulator.Resume(state);
        }

        foreach (var line in lines)
        {
            simulator.Add(Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();
        return outcomes;
    }

    [Fact]
    public void ReplayingInParts_ADuplicateIdBounceOfAnAccountInAnotherPart_IsIgnoredThereToo()
    {
        // Each part keeps only its accounts' events, but every part must know that acme's second b1 is no bounce.
        var (acme, globex) = (new HistoryPart(1, 2).Holds("acme") ? 1 : 2, new HistoryPart(1, 2).Holds("globex") ? 1 : 2);
        Assert.NotEqual(acme, globex);

        var part = Replay(new SimulationOptions { Part = new HistoryPart(globex, 2) }, History);

        Assert.Equal(("bob@acme.test", OutcomeKind.Action), (Assert.Single(part).To, part[0].Kind));
        Assert.Equal("bob@acme.test", Assert.Single(Replay(new SimulationOptions { OnlyAccount = "globex" }, History)).To);
    }

    [Fact]
    public void ContinuedReplay_ACopyOfABounceTheResumedAccountSaw_CarryingAnotherAddress_IsIgnored()
    {
        var program = new CompiledPlaybooks(PlaybookLoader.Load([new SourceFile("advocacy.yaml", Advocacy)]).Set);
        var first = new Simulator(program, new SimulationOptions { KeepStates = true }, _ => { });
        first.Add(Encoding.UTF8.GetBytes(History[1]), "events.jsonl");
        first.Finish();
        var saved = AccountStateSerializer.Serialize(first.Accounts["acme"], program);

        var second = Replay(new SimulationOptions { Recipients = first.Recipients }, [History[0], History[2], History[3]],
            [AccountStateSerializer.Deserialize(saved, program)], program);

        Assert.Equal("bob@acme.test", Assert.Single(second).To);
    }
}
