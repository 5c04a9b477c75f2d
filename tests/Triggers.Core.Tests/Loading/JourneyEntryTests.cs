using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>A journey's stages are steps forward: entered on an event, or on a milestone reached or succeeded.</summary>
public sealed class JourneyEntryTests
{
    private const string Playbook = """
        playbook: p
        milestones:
          - id: m
            reached_when: { event: user.invited }
            success: { event: user.logged_in, within: 3d }
        rules:
          - id: r
            when: { milestone: m, is: failed }
            do:
              - task: { title: the invitee never logged in }
        """;

    private static List<string> Errors(string isWhat) =>
        [.. PlaybookLoader.Load([new SourceFile("p.yaml", Playbook), new SourceFile("journeys/j.yaml", $$"""
            journey: j
            stages:
              - id: invited
                entered_when: { event: user.invited }
              - id: active
                entered_when: { milestone: p/m, is: {{isWhat}} }
            """)]).Diagnostics.Where(d => d.IsError).Select(d => $"{d} / {d.Hint}")];

    [Theory]
    [InlineData("reached")]
    [InlineData("succeeded")]
    public void StageEnteredOnAMilestoneReachedOrSucceeded_Loads(string isWhat) => Assert.Empty(Errors(isWhat));

    [Fact]
    public void StageEnteredOnAFailedMilestone_IsAnError_AsTheDocsAndSchemaSay() =>
        Assert.Equal(
            ["journeys/j.yaml:6:41: error TRG019: a stage is entered when a milestone is reached or succeeded, not when it failed / " +
             "write is: reached or is: succeeded; to act on a missed milestone, write a playbook rule: when: { milestone: ID, is: failed }"],
            Errors("failed"));

    [Fact]
    public void TouchpointWithNoEvents_IsWarnedAtTheEmptyList_AndTheSetStillLoads()
    {
        var result = PlaybookLoader.Load([new SourceFile("journeys/j.yaml", """
            journey: j
            stages:
              - { id: s, entered_when: { event: user.invited } }
            touchpoints:
              - { id: demo, channel: web, stage: s, events: [] }
              - { id: docs, channel: web, stage: s, events: [docs.viewed] }
            """)]);

        Assert.Equal(["journeys/j.yaml:5:49: warning TRG204: touchpoint 'demo' lists no events, so the journey map never counts it"],
            result.Diagnostics.Select(d => d.ToString()));
        Assert.False(result.HasErrors);
    }
}
