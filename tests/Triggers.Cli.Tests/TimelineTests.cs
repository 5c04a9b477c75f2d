using System.Text;
using Triggers.Core.Engine;

namespace Triggers.Cli.Tests;

public sealed class TimelineTests
{
    [Fact]
    public void WriteTo_OutcomesReportedAccountByAccount_ComeOutInTimeOrderWithTiesInReportOrder()
    {
        using var timeline = new Timeline();
        // As a replay reports: account b's outcomes first, then account a's, each in its own time order.
        foreach (var (minute, text) in new[] { (5, "b1"), (5, "b2"), (9, "b3"), (1, "a1"), (5, "a2"), (7, "a3") })
        {
            timeline.AddText(At(minute), text);
        }

        Assert.Equal("a1\nb1\nb2\na2\na3\nb3\n", Written(timeline));
    }

    [Fact]
    public void WriteTo_ThousandsOfOutcomesAtFewTimes_KeepReportOrderWithinEachTime()
    {
        // Many accounts' timers due on the same minutes: enough ties that an unstable sort would shuffle them.
        using var timeline = new Timeline();
        var reported = Enumerable.Range(0, 20_000).Select(i => (Minute: (i * 7919) % 13, Text: $"line {i}")).ToList();
        foreach (var (minute, text) in reported)
        {
            timeline.AddText(At(minute), text);
        }

        var expected = reported.OrderBy(line => line.Minute).Select(line => line.Text + "\n"); // OrderBy is stable
        Assert.Equal(string.Concat(expected), Written(timeline));
    }

    [Fact]
    public void WriteTo_LinesLargerThanTheWriteBuffer_AreWrittenWholeBetweenTheirNeighbours()
    {
        using var timeline = new Timeline();
        var huge = new string('x', 3 << 20);
        var lines = Enumerable.Range(0, 5_000).Select(i => i == 2_500 ? huge : $"line {i} {new string('y', i % 300)}").ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            timeline.AddText(At(i), lines[i]);
        }

        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), Written(timeline));
    }

    [Fact]
    public void WriteTo_JsonOutcomes_AreTheWritersLinesInTimeOrder()
    {
        // Kept as compact records and formatted only when written: the lines must be the JSON writer's own.
        using var timeline = new Timeline();
        var outcomes = Enumerable.Range(0, 5_000).Select(i => new Outcome
        {
            Kind = i % 3 == 0 ? OutcomeKind.Action : OutcomeKind.Milestone, Time = DateTimeOffset.UnixEpoch.AddMinutes((i * 7919) % 97), AccountId = $"acct-{i / 50}",
            Playbook = "onboarding", Rule = "nudge", Action = i % 3 == 0 ? "email" : null, To = i % 3 == 0 ? $"user{i}@acme.test" : null,
            Milestone = i % 3 == 0 ? null : "activated", Status = i % 3 == 0 ? null : "reached", Because = $"réussite <{i}> \"quoted\"",
            Key = new EffectIds.Key("v1", "onboarding/nudge", $"evt-{i}", "email"),
        }).ToList();
        foreach (var outcome in outcomes)
        {
            timeline.AddJson(outcome);
        }

        var expected = outcomes.OrderBy(o => o.Time).Select(o => Json(o) + "\n"); // OrderBy is stable
        Assert.Equal(string.Concat(expected), Written(timeline));
    }

    private static string Json(Outcome outcome)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, Core.Expressions.ReadableJsonEncoder.WriterOptions))
        {
            OutcomeJson.Write(json, outcome);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Outcome At(int minute) => new() { Kind = OutcomeKind.Stage, Time = DateTimeOffset.UnixEpoch.AddMinutes(minute), AccountId = "acct" };

    private static string Written(Timeline timeline)
    {
        using var output = new MemoryStream();
        timeline.WriteTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
