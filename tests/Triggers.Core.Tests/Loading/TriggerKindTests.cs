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

    [Theory]
    [InlineData("'\"01/05/2026\"'", "p.yaml:4:32: error TRG102: '01/05/2026' is not a date or time | write dates as 2026-01-31 or 2026-01-31T09:00:00Z")]
    [InlineData("'42'", "p.yaml:4:32: error TRG102: expected a time but this is a number | e.g. account.renewal_date, or a date such as \"2026-01-31\"")]
    [InlineData("'account.renewal_date > 3'", "p.yaml:4:32: error TRG102: expected a time but this is true/false | e.g. account.renewal_date, or a date such as \"2026-01-31\"")]
    public void ScheduleDate_ThatCanNeverBeATime_IsAnErrorAtIt(string date, string expected)
    {
        // A text literal was accepted and then never fell due, while the reference calls such a literal a load error.
        Assert.Equal(expected, Only($"{{ schedule: {{ date: {date}, offset: -1d }} }}"));
    }

    [Theory]
    [InlineData("'\"2026-09-01\"'")]
    [InlineData("account.renewal_date")]
    [InlineData("'coalesce(account.renewal_date, \"2026-09-01\")'")]
    public void ScheduleDate_ThatCanBeATime_Loads(string date)
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ schedule: {{ date: {date} }} }}\n    do:\n      - task: {{ title: t }}\n";
        Assert.DoesNotContain(PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics, d => d.IsError);
    }
}
