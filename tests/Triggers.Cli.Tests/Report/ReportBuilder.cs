using Triggers.Core.Analytics;

namespace Triggers.Cli.Tests.Report;

/// <summary>Journey reports built by hand, so the HTML can be tested without a replay.</summary>
internal static class ReportBuilder
{
    public static StageReport Stage(string id, string name, int entered = 10, double? conversion = 0.5, IReadOnlyList<double>? days = null,
        IReadOnlyList<RedFlag>? flags = null, IReadOnlyList<MilestoneReport>? milestones = null, IReadOnlyList<TouchpointCount>? touchpoints = null,
        int stuck = 1, int dropped = 1, Sentiment? sentiment = null) =>
        new(id, name, $"What happens in {name}.", entered, conversion, days is { Count: > 0 } ? days[days.Count / 2] : null,
            days is { Count: > 0 } ? days[^1] : null, days ?? [], stuck, dropped, milestones ?? [], touchpoints ?? [],
            sentiment ?? new Sentiment(4.5, 2, 9, 1, 80), 3, 1, flags ?? []) { StuckAfterDays = 30 };

    public static SegmentReport Segment(string? trait, string? value, int accounts, params StageReport[] stages) =>
        new(trait, value, accounts, stages, [new RuleActivity("p/r", new Dictionary<string, int> { ["email"] = 2 }, new Dictionary<string, int> { ["limit"] = 1 })]);

    public static JourneyReport MapOf(params SegmentReport[] segments) =>
        new("journey", "A journey.", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero), 12345,
            [.. segments.Select(s => s.Trait).OfType<string>().Distinct()], segments);

    /// <summary>A small three-stage journey for all accounts and two plans.</summary>
    public static JourneyReport ThreePlans()
    {
        StageReport[] Stages(int n) =>
        [
            Stage("start", "Start", n, 0.8, [1, 2, 3]),
            Stage("middle", "Middle", n / 2, 0.5, [4, 5]),
            Stage("end", "End", n / 4, null),
        ];

        return MapOf(Segment(null, null, 40, Stages(40)), Segment("plan", "team", 30, Stages(30)), Segment("plan", "business", 10, Stages(10)));
    }
}
