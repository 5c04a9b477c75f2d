using System.Text;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Analytics;

/// <summary>
/// An account's traits can change after its last event: a fire held by quiet hours and released at the morning may emit
/// an <c>account.updated</c>. The journey map files the account under its traits as the replay left them, as simulate's
/// outcomes say (audit 35: an account nudged at night stayed in its old segment, one nudged by day moved).
/// </summary>
public sealed class TraitsAfterLastEventTests
{
    private const string Playbook = """
        playbook: nudge
        rules:
          - id: mark
            when: { event: ticket.opened }
            do:
              - emit: { type: account.updated, data: { plan: nudged } }
            quiet_hours: { from: "20:00", to: "08:00", timezone: UTC }
        """;

    private const string Journey = """
        journey: life
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
        """;

    [Fact]
    public void TraitSetByAFireReleasedAtTheMorning_FilesTheAccountUnderItsNewSegment()
    {
        var set = PlaybookLoader.Load([new SourceFile("nudge.yaml", Playbook), new SourceFile("journeys/life.yaml", Journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), ["plan"]);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record)
        {
            EventObserver = analyzer.Observe,
            AccountReplayed = analyzer.Replayed,
        };
        string[] lines =
        [
            """{"specversion":"1.0","source":"s","id":"a1","type":"account.updated","time":"2026-01-05T08:00:00Z","accountid":"night","data":{"plan":"team"}}""",
            """{"specversion":"1.0","source":"s","id":"s1","type":"subscription.started","time":"2026-01-05T09:00:00Z","accountid":"night"}""",
            """{"specversion":"1.0","source":"s","id":"t1","type":"ticket.opened","time":"2026-01-06T21:00:00Z","accountid":"night"}""",
            """{"specversion":"1.0","source":"s","id":"b1","type":"account.updated","time":"2026-01-05T08:00:00Z","accountid":"day","data":{"plan":"team"}}""",
            """{"specversion":"1.0","source":"s","id":"s2","type":"subscription.started","time":"2026-01-05T09:00:00Z","accountid":"day"}""",
            """{"specversion":"1.0","source":"s","id":"t2","type":"ticket.opened","time":"2026-01-06T12:00:00Z","accountid":"day"}""",
            """{"specversion":"1.0","source":"s","id":"p1","type":"page.viewed","time":"2026-01-10T12:00:00Z","accountid":"other"}""", // the history goes on
        ];
        foreach (var line in lines)
        {
            simulator.Add(Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();

        var segments = analyzer.Build().Segments.Where(s => s.Trait == "plan").ToDictionary(s => s.Value ?? "", s => s.Accounts);
        Assert.Equal(2, segments["nudged"]);
        Assert.DoesNotContain("team", segments.Keys);
    }
}
