using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// An unknown stage or milestone, and a number below its minimum, come with a hint like every other error: the closest
/// name, or else the names there are (audit #18).
/// </summary>
public sealed class ReferenceHintTests
{
    private static (string Error, string? Hint) Only(string playbook)
    {
        var result = PlaybookLoader.Load([.. Sources.FixtureWithBase("TRG008.yaml").Where(f => f.Path.StartsWith("base/", StringComparison.Ordinal)),
            new SourceFile("p.yaml", playbook)]);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        return (error.ToString(), error.Hint);
    }

    [Fact]
    public void UnknownStageFarFromAnyName_ListsTheStages()
    {
        var (error, hint) = Only("playbook: p\nstage: nostage\nrules:\n  - id: r\n    when: { event: user.invited }\n    do:\n      - task: { title: t }\n");

        Assert.Equal("p.yaml:2:8: error TRG008: stage 'nostage' is not defined by any journey", error);
        Assert.Equal("the journeys' stages are: adoption, onboarding", hint);
    }

    [Fact]
    public void UnknownMilestoneFarFromAnyName_ListsThePlaybooksMilestones()
    {
        var (error, hint) = Only("playbook: p\nmilestones:\n  - id: started\n    reached_when: { event: user.invited }\n    success: { event: user.logged_in, within: 7d }\nrules:\n  - id: r\n    when: { milestone: nosuch, is: reached }\n    do:\n      - task: { title: t }\n");

        Assert.Equal("p.yaml:8:24: error TRG009: milestone 'nosuch' does not exist in playbook 'p'", error);
        Assert.Equal("playbook 'p' has the milestones: started", hint);
    }

    [Fact]
    public void UnknownMilestoneInAPlaybookWithNone_SaysItHasNone()
    {
        var (_, hint) = Only("playbook: p\nrules:\n  - id: r\n    when: { milestone: nosuch, is: reached }\n    do:\n      - task: { title: t }\n");

        Assert.Equal("playbook 'p' defines no milestones", hint);
    }

    [Fact]
    public void UnknownQualifiedMilestone_ListsTheMilestones()
    {
        var (_, hint) = Only("playbook: p\nrules:\n  - id: r\n    when: { milestone: base/nosuch, is: reached }\n    do:\n      - task: { title: t }\n");

        Assert.Equal("the milestones are: base/activated", hint);
    }

    [Fact]
    public void MaxBelowOne_HintsTheSmallestToWrite()
    {
        var (error, hint) = Only("playbook: p\nrules:\n  - id: r\n    when: { event: user.invited }\n    do:\n      - task: { title: t }\n    limit: { max: 0, per: 14d }\n");

        Assert.Equal("p.yaml:7:19: error TRG018: 'max' must be at least 1, not 0", error);
        Assert.Equal("write max: 1 or more", hint);
    }

    [Theory]
    [InlineData("99999999999999999999", "p.yaml:7:19: error TRG018: 'max' must be at most 2,147,483,647, not 99999999999999999999", "write max: a number up to 2,147,483,647")]
    [InlineData("-99999999999", "p.yaml:7:19: error TRG018: 'max' must be at least 1, not -99999999999", "write max: 1 or more")]
    public void MaxTooLargeToCount_SaysTheLimit_NotThatItIsNoNumber(string max, string expected, string expectedHint)
    {
        var (error, hint) = Only($"playbook: p\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n    do:\n      - task: {{ title: t }}\n    limit: {{ max: {max}, per: 14d }}\n");

        Assert.Equal(expected, error);
        Assert.Equal(expectedHint, hint);
    }

    [Fact]
    public void UnknownNamesInATestsExpectations_PointAtTheName_NotAtTheEntry()
    {
        var result = PlaybookLoader.Load([
            new SourceFile("p.yaml", "playbook: p\nmilestones:\n  - id: m\n    reached_when: { event: a.b }\n    success: { event: c.d, within: 1d }\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n"),
            new SourceFile("p.test.yaml", "test: t\nevents: []\nexpect:\n  - { time: 2026-01-05T10:00:00Z, rule: p/rr, action: task }\n  - { kind: milestone, milestone: p/mm, status: reached }\n"),
        ]);

        Assert.Equal(
            [
                "p.test.yaml:4:41: error TRG012: expected rule 'p/rr' does not exist",
                "p.test.yaml:5:35: error TRG009: expected milestone 'p/mm' does not exist",
            ],
            result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
    }

    [Theory]
    [InlineData("slack", "did you mean 'slack-alerts'?")] // the one target it begins
    [InlineData("pagerduty", "add it under targets: in webhooks.yaml, beside the playbooks")]
    public void UnknownWebhookTarget_HintsTheTargetMeantOrWhereToAddIt(string target, string expected)
    {
        var result = PlaybookLoader.Load([new SourceFile("webhooks.yaml", "targets:\n  - name: slack-alerts\n  - name: crm-sync\n"),
            new SourceFile("p.yaml", $"playbook: p\nrules:\n  - id: r\n    when: {{ event: a.b }}\n    do:\n      - webhook: {{ target: {target}, body: {{ a: 1 }} }}\n")]);

        Assert.Equal(expected, Assert.Single(result.Diagnostics, d => d.IsError).Hint);
    }

    [Theory]
    [InlineData("rule: immediate", "did you mean 'admin-invites/immediate'?")]
    [InlineData("rule: admin-invites/later", "playbook 'admin-invites' has rules immediate, weekly")]
    [InlineData("rule: admin-invite/immediate", "did you mean 'admin-invites/immediate'?")]
    [InlineData("kind: milestone, milestone: admin-invites/nope", "playbook 'admin-invites' has no milestones")]
    [InlineData("rule: admin-invites/imediate", "did you mean 'admin-invites/immediate'?")]
    [InlineData("rule: billing/immediate", "there is no playbook 'billing'")]
    public void UnknownRuleOrMilestoneInATest_HintsTheOneMeantOrWhatThePlaybookHas(string field, string expected)
    {
        var result = PlaybookLoader.Load([
            new SourceFile("p.yaml", "playbook: admin-invites\nrules:\n  - id: immediate\n    when: { event: a.b }\n    do: [ { task: { title: t } } ]\n" +
                                     "  - id: weekly\n    when: { event: a.c }\n    do: [ { task: { title: t } } ]\n"),
            new SourceFile("p.test.yaml", $"test: t\nevents: []\nexpect:\n  - {{ {field} }}\n")]);

        Assert.Equal(expected, Assert.Single(result.Diagnostics, d => d.IsError).Hint);
    }
}
