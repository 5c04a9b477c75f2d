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
    [InlineData("soon")]
    [InlineData("0.5")]
    [InlineData("1.5s")]
    [InlineData("999999999w")]
    public void Hint_ListsSecondsToo_AsTheyAreAccepted(string within)
    {
        Assert.Equal("write a whole number and a unit: 30s, 45m, 12h, 3d or 2w", Error(within).Hint);
    }

    [Theory]
    [InlineData("3D", "write 3d")]
    [InlineData("3 days", "write 3d")]
    [InlineData("2weeks", "write 2w")]
    [InlineData("1d12h", "write 36h")]
    [InlineData("1.5d", "write 36h")]
    [InlineData("90 min", "write 90m")]
    [InlineData("72", "a duration needs a unit: 72m, 72h or 72d")]
    [InlineData("1mo", "months and years differ in length: write 30d or 4w for a month, 365d or 52w for a year")]
    [InlineData("1M", "a capital M reads as months, which differ in length: write 30d or 4w for a month (1m is one minute)")] // not "write 1m"
    [InlineData("90M", "a capital M reads as months, which differ in length: write 30d or 4w for a month (1m is one minute)")]
    [InlineData("3MIN", "write 3m")]
    public void DurationWrittenAnotherWay_HintGivesTheSpellingThatSaysTheSame(string within, string hint)
    {
        // The message stays the same; the hint says what to write instead of only listing the units, as a compiler would.
        var error = Error(within);
        Assert.Equal($"p.yaml:5:46: error TRG005: '{within}' is not a valid duration", error.ToString());
        Assert.Equal($"{hint} (a duration is a whole number and a unit: 30s, 45m, 12h, 3d or 2w)", error.Hint);
    }

    [Fact]
    public void NegativeOffsetWithACapitalUnit_KeepsItsSign()
    {
        var error = Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml",
            "playbook: p\nrules:\n  - id: r\n    when: { schedule: { date: account.renewal_date, offset: -90D } }\n    do:\n      - task: { title: t }\n")]).Diagnostics);
        Assert.StartsWith("write -90d ", error.Hint, StringComparison.Ordinal);
    }
}
