using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// How far <c>emit</c> chains reach at one instant: eight emits run to the end; a ninth is a load error (TRG022),
/// not a surprise suppression at run time; a timer in between starts a new chain.
/// </summary>
public sealed class EmitChainTests
{
    // A relay of rules, each emitting the next event type: `from` the first event, `emits` emits in all.
    private static string Relay(int emits, string? unlessOnFirst = null)
    {
        var yaml = new System.Text.StringBuilder("playbook: relay\nrules:\n");
        for (var i = 0; i < emits; i++)
        {
            var on = i == 0 ? "ticket.escalated" : $"relay.e{i}";
            yaml.Append($"  - id: s{i}\n    when: {{ event: {on} }}\n");
            if (i == 0 && unlessOnFirst is not null)
            {
                yaml.Append($"    unless: {{ event: ticket.responded, within: {unlessOnFirst} }}\n");
            }

            yaml.Append($"    do: [ {{ emit: {{ type: relay.e{i + 1} }} }} ]\n");
        }

        return yaml.Append($"  - id: last\n    when: {{ event: relay.e{emits} }}\n    do: [ {{ task: {{ title: end of the relay }} }} ]\n").ToString();
    }

    private static IEnumerable<string> Errors(string playbook) =>
        PlaybookLoader.Load([new SourceFile("journeys/scenario.yaml", Scenario.Journey), new SourceFile("relay.yaml", playbook)])
            .Diagnostics.Where(d => d.Code == ErrorCodes.EmitTooDeep).Select(d => d.ToString());

    [Fact]
    public void EmitChain_EightEmitsAtOneInstant_RunsToTheEnd()
    {
        Scenario.Passes(Relay(8), """
            test: every step of the relay is taken
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.escalated, accountid: acme }
            expect:
              - { time: 2026-02-01T10:00:00Z, rule: relay/s7, action: emit, type: relay.e8 }
              - { time: 2026-02-01T10:00:00Z, rule: relay/last, action: task, title: end of the relay }
            """);
    }

    [Fact]
    public void EmitChain_NineEmitsAtOneInstant_IsALoadErrorAtTheNinth()
    {
        var error = Assert.Single(Errors(Relay(9)));
        Assert.StartsWith("relay.yaml:29:", error, StringComparison.Ordinal);
        Assert.Contains("rule 'relay/s8' emits 'relay.e9' as emit 9 of one chain (ticket.escalated -> relay.e1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmitChain_AfterAnUnlessWindow_StartsAgain()
    {
        // The first emit waits for its window and is then the first emit of a chain that starts at the timer, so
        // eight more after it are one too many...
        var error = Assert.Single(Errors(Relay(9, unlessOnFirst: "1d")));
        Assert.Contains("rule 'relay/s8' emits 'relay.e9' as emit 9 of one chain (relay/s0 (after its timer) -> relay.e1", error, StringComparison.Ordinal);

        // ...while seven more are not, and run when the window closes.
        Assert.Empty(Errors(Relay(8, unlessOnFirst: "1d")));
        Scenario.Passes(Relay(8, unlessOnFirst: "1d"), """
            test: the relay starts when the window closes
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.escalated, accountid: acme }
            run_until: 2026-02-03T00:00:00Z
            expect:
              - { time: 2026-02-02T10:00:00Z, rule: relay/last, action: task, title: end of the relay }
            """);
    }
}
