using Triggers.Cli.Commands;
using Triggers.Core.Analytics;
using Triggers.Core.Engine;

namespace Triggers.Cli.Tests;

/// <summary>Summary lines say "1 duplicate", not "1 duplicates".</summary>
public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 segments")]
    [InlineData(1, "1 segment")]
    [InlineData(2048, "2,048 segments")]
    public void Of_OneIsSingular_EveryOtherCountPlural(long count, string expected) =>
        Assert.Equal(expected, Counted.Of(count, "segment"));

    [Fact]
    public void SimulateSummary_CountsOfOne_AreSingular()
    {
        var stats = new SimulationStats { Events = 2, Processed = 1, Duplicates = 1, Accounts = 1 };

        var summary = SimulateCommand.Summary(stats, TimeSpan.FromSeconds(1));

        Assert.StartsWith("events: 2 (1 processed, 1 duplicate, 0 late, 0 rejected, 0 after --until) over 1 account; ", summary);
    }

    [Fact]
    public void ReportSummary_CountsOfOne_AreSingular()
    {
        var all = new SegmentReport(null, null, 1, [], []);
        var team = new SegmentReport("plan", "team", 1, [], []);
        var report = new JourneyReport("j", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1, ["plan"], [all, team]);

        var summary = ReportCommand.Summary(report, new SimulationStats { Events = 1, Accounts = 1 }, "map.html", TimeSpan.Zero, TimeSpan.Zero);

        Assert.StartsWith("journey map of 'j': 1 event (0 rejected, 0 late) over 1 account; 1 segment by plan; written to map.html", summary);
    }
}
