using System.Text.Json;

namespace Triggers.Cli.Tests.Commands;

public sealed partial class SimulateCommandTests
{
    [Fact]
    public void Simulate_RejectedLinesInAHistoryWithNoReadableTime_ShowNoTime_NotYear1()
    {
        // Neither line has a time, and no other line gives one to place them by: there is no time to show.
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n")
            .Write("events.jsonl", "{\"accountid\":\"acme\",\"type\":\"user.invited\"}\nthis line is not json\n");

        var table = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl");
        var json = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal((0, 0), (table.ExitCode, json.ExitCode));
        Assert.DoesNotContain("0001-01-01", table.Output + json.Output, StringComparison.Ordinal);
        Assert.Equal(2, table.OutputLines.Count(l => l.StartsWith("-                         rejected    ", StringComparison.Ordinal)));
        var lines = json.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["events.jsonl:1", "events.jsonl:2"], lines.Select(l => l.GetProperty("because").GetString()));
        Assert.All(lines, l => Assert.False(l.TryGetProperty("time", out _), l.GetRawText()));
        Assert.Equal("acme", lines[0].GetProperty("accountid").GetString());
    }

    [Fact]
    public void SimulateJson_ARejectedLineWithoutATime_IsAtTheTimeOfTheFirstLineThatHasOne()
    {
        using var dir = new TempDirectory().Write("playbooks/invite.yaml", Playbooks)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n")
            .Write("events.jsonl", "this line is not json\n" + Events);

        var result = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var first = JsonDocument.Parse(result.OutputLines[0]).RootElement;
        Assert.Equal(("rejected", "events.jsonl:1"), (first.GetProperty("kind").GetString(), first.GetProperty("because").GetString()));
        Assert.Equal("2026-01-05T09:00:00Z", first.GetProperty("time").GetString());
    }
}
