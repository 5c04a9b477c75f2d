using System.Text;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Analytics;

public sealed class JourneyAnalyzerTests
{
    private const string Journey = """
        journey: short
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
          - id: advocacy
            entered_when: { event: nps.answered }
        """;

    [Fact]
    public void Build_ActiveAccountsLongInAStage_AreStuckExceptInTheFinalStage()
    {
        var set = PlaybookLoader.Load([new SourceFile("journeys/short.yaml", Journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        string[] events =
        [
            // "waiting" starts and never moves on; "advocate" reaches the final stage. Both stay active for 60 days.
            """{"id":"1","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"waiting"}""",
            """{"id":"2","type":"subscription.started","time":"2026-01-01T00:00:00Z","accountid":"advocate"}""",
            """{"id":"3","type":"nps.answered","time":"2026-01-02T00:00:00Z","accountid":"advocate","data":{"score":10}}""",
            """{"id":"4","type":"user.logged_in","time":"2026-03-01T00:00:00Z","accountid":"waiting"}""",
            """{"id":"5","type":"user.logged_in","time":"2026-03-01T00:00:00Z","accountid":"advocate"}""",
        ];
        foreach (var json in events)
        {
            simulator.Add(Encoding.UTF8.GetBytes(json), "events");
        }

        simulator.Finish();

        var stages = analyzer.Build().Segments[0].Stages;
        Assert.Equal((1, 30.0), (stages[0].Stuck, stages[0].StuckAfterDays!.Value));
        Assert.Equal(0, stages[1].Stuck);
        Assert.Null(stages[1].StuckAfterDays);
    }

    [Fact]
    public void Build_TouchpointsOfManyAccounts_AreTotalledPerStageBusiestFirst()
    {
        const string journey = """
            journey: touch
            stages:
              - id: onboarding
                entered_when: { event: subscription.started }
            touchpoints:
              - { id: docs, name: Docs, channel: web, events: [kb.article_viewed] }
              - { id: support, name: Support, channel: support, events: [ticket.opened] }
              - { id: demo, name: Demo, channel: meeting, events: [demo.requested] }
            """;
        var set = PlaybookLoader.Load([new SourceFile("journeys/touch.yaml", journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        var n = 0;
        void Add(string type, string account) =>
            simulator.Add(Encoding.UTF8.GetBytes($$$"""{"id":"{{{++n}}}","type":"{{{type}}}","time":"2026-01-01T{{{n / 60:00}}}:{{{n % 60:00}}}:00Z","accountid":"{{{account}}}"}"""), "events");
        foreach (var account in new[] { "a", "b", "c" })
        {
            Add("subscription.started", account);
            Add("ticket.opened", account);
        }

        Add("kb.article_viewed", "a");
        Add("ticket.opened", "b");
        simulator.Finish();

        var touchpoints = analyzer.Build().Segments[0].Stages[0].Touchpoints;
        Assert.Equal([("support", 4), ("docs", 1)], touchpoints.Select(t => (t.Touchpoint, t.Events)));
    }
}
