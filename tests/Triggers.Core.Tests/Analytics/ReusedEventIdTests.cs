using System.Text;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Analytics;

/// <summary>
/// A producer that reuses an event id after the account forgot it (65 ids later) reaches a milestone twice with one
/// cause: simulate reports two instances, and so must the journey map, the first one's red flag included (audit 35).
/// </summary>
public sealed class ReusedEventIdTests
{
    private const string Playbook = """
        playbook: invite
        stage: onboarding
        milestones:
          - id: activated
            reached_when: { event: user.invited }
            success: { event: user.logged_in, within: 1d }
        rules:
          - id: r
            when: { event: user.invited }
            do:
              - task: { title: t }
        """;

    private const string Journey = """
        journey: life
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
        """;

    [Fact]
    public void MilestoneReachedTwiceByAReusedId_IsTwoInstances_OneFailedOneSucceeded()
    {
        var set = PlaybookLoader.Load([new SourceFile("invite.yaml", Playbook), new SourceFile("journeys/life.yaml", Journey)]).Set;
        var analyzer = new JourneyAnalyzer(set, set.Journeys.Single(), []);
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), analyzer.Record) { EventObserver = analyzer.Observe };
        var lines = new List<string>
        {
            Line("s1", "subscription.started", "2026-01-01T09:00:00"),
            Line("x", "user.invited", "2026-01-01T10:00:00"), // fails on 01-02
        };
        lines.AddRange(Enumerable.Range(0, 70).Select(i => Line($"p{i}", "page.viewed", $"2026-01-03T10:{i / 60:D2}:{i % 60:D2}")));
        lines.Add(Line("x", "user.invited", "2026-01-05T10:00:00")); // the id reused, long forgotten
        lines.Add(Line("l1", "user.logged_in", "2026-01-05T11:00:00")); // succeeds
        foreach (var line in lines)
        {
            simulator.Add(Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();

        var milestone = Assert.Single(analyzer.Build().Segments[0].Stages.SelectMany(s => s.Milestones));
        Assert.Equal((2, 1, 1), (milestone.Reached, milestone.Succeeded, milestone.Failed));
    }

    private static string Line(string id, string type, string time) =>
        $$$"""{"specversion":"1.0","source":"s","id":"{{{id}}}","type":"{{{type}}}","time":"{{{time}}}Z","accountid":"acme"}""";
}
