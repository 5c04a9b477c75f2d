using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>A duration error says what is wrong with this one, and its hint lists every unit there is (audit #16).</summary>
public sealed class DurationMessageTests
{
    private static Triggers.Core.Diagnostics.Diagnostic Error(string within) =>
        Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml", $$"""
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                unless: { event: user.logged_in, within: {{within}} }
                do:
                  - task: { title: t }
            """)]).Diagnostics);

    [Fact]
    public void TooLong_SaysSoAndGivesTheMaximum_NotThatItIsNoDuration()
    {
        var error = Error("999999999w");

        Assert.Equal("p.yaml:5:46: error TRG005: '999999999w' is too long: a duration counts at most 100000 of its unit (100000w is the longest, almost 2,000 years)", error.ToString());
    }

    [Fact]
    public void TheLongestDuration_IsAccepted()
    {
        Assert.Empty(PlaybookLoader.Load([new SourceFile("p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: user.invited }\n    unless: { event: user.logged_in, within: 100000w }\n    do:\n      - task: { title: t }\n")]).Diagnostics);
    }

    [Theory]
    [InlineData("3days")]
    [InlineData("999999999w")]
    public void Hint_ListsSecondsToo_AsTheyAreAccepted(string within)
    {
        Assert.Equal("write a whole number and a unit: 30s, 45m, 12h, 3d or 2w", Error(within).Hint);
    }
}
