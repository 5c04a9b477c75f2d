using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Quiet hours fall back to UTC when an account's time zone is missing or misspelt; the replay counts it and names
/// the unknown zones, so a typo does not quietly send nudges at night.
/// </summary>
public sealed class QuietHoursZoneTests
{
    private const string Playbook = """
        playbook: p
        rules:
          - id: r
            when: { event: ticket.opened }
            do:
              - task: { title: t }
            quiet_hours: { from: "20:00", to: "08:00", timezone: account.timezone }
        """;

    private static SimulationStats Replay(params string[] lines)
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), _ => { });
        foreach (var line in lines)
        {
            simulator.Add(Encoding.UTF8.GetBytes(line), "events.jsonl");
        }

        simulator.Finish();
        return simulator.Stats;
    }

    private static string Event(string id, string type, string account, string data) =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"s","type":"{{type}}","time":"2026-01-05T22:30:00Z","accountid":"{{account}}","data":{{data}}}""";

    [Fact]
    public void MissingAndUnknownTimeZones_AreCountedAndTheUnknownNamed()
    {
        var stats = Replay(
            Event("a0", "account.updated", "acme", """{"timezone":"Europe/Berln"}""").Replace("22:30", "20:00", StringComparison.Ordinal),
            Event("i0", "account.updated", "initech", """{"timezone":"Europe/Berlin"}""").Replace("22:30", "20:00", StringComparison.Ordinal),
            Event("a1", "ticket.opened", "acme", "{}"),
            Event("g1", "ticket.opened", "globex", "{}"),
            Event("i1", "ticket.opened", "initech", "{}"));

        Assert.Equal(1, stats.QuietHoursWithUnknownZone);
        Assert.Equal(1, stats.QuietHoursWithoutZone);
        Assert.Equal(["Europe/Berln"], stats.UnknownTimeZones);
        Assert.Equal("quiet hours were kept in UTC for 2 actions: 1 whose time zone was not set (the trait the rule reads for it was missing or null), 1 whose time zone is unknown ('Europe/Berln')",
            SimulationStats.DescribeQuietHoursInUtc(stats));
    }

    [Fact]
    public void KnownTimeZones_CountNothing()
    {
        var stats = Replay(
            Event("i0", "account.updated", "initech", """{"timezone":"America/New_York"}""").Replace("22:30", "20:00", StringComparison.Ordinal),
            Event("i1", "ticket.opened", "initech", "{}"));

        Assert.Equal((0, 0), (stats.QuietHoursWithoutZone, stats.QuietHoursWithUnknownZone));
    }

    [Fact]
    public void ZoneNameInAnotherCase_IsThatZone()
    {
        // A CRM that writes america/new_york means New York: falling back to UTC would hold the task only until 03:00 there.
        Scenario.Passes(Playbook, """
            test: held until 08:00 in New York
            events:
              - { time: 2026-01-05T20:00:00Z, type: account.updated, accountid: acme, data: { timezone: america/new_york } }
              - { time: 2026-01-06T02:30:00Z, type: ticket.opened, accountid: acme }
            run_until: 2026-01-07T00:00:00Z
            expect:
              - { time: 2026-01-06T13:00:00Z, rule: p/r, action: task }
            expect_only: true
            """);
        var stats = Replay(
            Event("a0", "account.updated", "acme", """{"timezone":"europe/berlin"}""").Replace("22:30", "20:00", StringComparison.Ordinal),
            Event("a1", "ticket.opened", "acme", "{}"));
        Assert.Equal((0, 0), (stats.QuietHoursWithoutZone, stats.QuietHoursWithUnknownZone));
    }
}
