namespace Triggers.Cli.Tests.Commands;

/// <summary>Text in <c>simulate --format json</c> lines, and in the payloads inside them, as a reader of the lines gets it.</summary>
public sealed class SimulateJsonTextTests
{
    private const string Playbook = """
        playbook: welcome
        rules:
          - id: greet
            when: { event: user.invited }
            do:
              - task: { title: "greet {{ event.data.name }}" }
              - webhook: { target: slack-cs, body: { name: "{{ event.data.name }}", id: "{{ event.data.id }}" } }
        """;

    [Fact]
    public void SimulateJson_TextOutsideAscii_IsUtf8InTheLineAndInItsPayloadAlike()
    {
        // A name with accents, an emoji, CJK and characters the writer's default escapes for HTML; an id beyond 2^53.
        const string Event = """
            {"specversion":"1.0","id":"e1","source":"app","type":"user.invited","time":"2026-01-05T10:00:00Z","accountid":"acme","data":{"name":"Zo\u00eb 👍 <&> 東京","id":12345678901234567890}}

            """;
        using var dir = new TempDirectory().Write("playbooks/welcome.yaml", Playbook)
            .Write("playbooks/webhooks.yaml", "targets:\n  - name: slack-cs\n").Write("events.jsonl", Event);

        var json = TriggersProcess.Run(dir.Path, "simulate", "--events", "events.jsonl", "--format", "json");

        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"title\":\"greet Zoë 👍 <&> 東京\"", json.Output, StringComparison.Ordinal);
        Assert.Contains("\"body\":{\"name\":\"Zoë 👍 <&> 東京\",\"id\":12345678901234567890}", json.Output, StringComparison.Ordinal);
    }
}
