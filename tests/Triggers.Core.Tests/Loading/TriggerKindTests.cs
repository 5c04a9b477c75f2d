using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>A trigger whose kind is unknown names the key it did not know, as unknown keys elsewhere do (audit #12).</summary>
public sealed class TriggerKindTests
{
    private static string Only(string when, string key = "when")
    {
        var yaml = key == "when"
            ? $"playbook: p\nrules:\n  - id: r\n    when: {when}\n    do:\n      - task: {{ title: t }}\n"
            : $"playbook: p\nmilestones:\n  - id: m\n    reached_when: {when}\n    success: {{ event: user.logged_in, within: 7d }}\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n    do:\n      - task: {{ title: t }}\n";
        var diagnostic = Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics, d => d.IsError);
        return $"{diagnostic} | {diagnostic.Hint}";
    }

    [Fact]
    public void InventedKind_IsNamed_WithTheKindsThereAre()
    {
        Assert.Equal(
            "p.yaml:4:13: error TRG002: unknown trigger kind 'frobnicate' in when | a trigger has exactly one of: event, count, threshold, milestone, stage, schedule",
            Only("{ frobnicate: { event: x } }"));
    }

    [Fact]
    public void MisspeltKind_SuggestsTheClosest()
    {
        Assert.StartsWith("p.yaml:4:13: error TRG002: unknown trigger kind 'cuont' in when; did you mean 'count'?", Only("{ cuont: { event: x, at_least: 2, within: 1d } }"));
    }

    [Fact]
    public void UnknownKindInReachedWhen_IsNamedToo()
    {
        Assert.StartsWith("p.yaml:4:21: error TRG002: unknown trigger kind 'wibble' in reached_when", Only("{ wibble: user.invited }", "reached_when"));
    }

    [Fact]
    public void OnlyATriggersOwnKeys_SaysTheKindIsMissing()
    {
        Assert.StartsWith("p.yaml:4:11: error TRG014: when names no trigger kind", Only("{ where: account.plan == \"team\" }"));
    }
}
