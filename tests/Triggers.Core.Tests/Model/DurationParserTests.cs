using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Tests.Model;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("45m", 45 * 60)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("3d", 3 * 86400)]
    [InlineData("2w", 14 * 86400)]
    [InlineData("-90d", -90 * 86400)]
    [InlineData("30s", 30)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    public void TryParse_TheWrittenForms_ReadAsTheirLength(string text, long seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("d")]
    [InlineData("3days")]
    [InlineData("1.5h")]
    [InlineData("3D")]
    [InlineData("00")]
    public void TryParse_AnythingElse_IsNotADuration(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1.5, "1.5s")]
    [InlineData(1801, "30m 1s")]
    [InlineData(7200, "2h")]
    [InlineData(64 * 86400 + 14 * 3600 + 30 * 60, "64d 14h 30m")]
    [InlineData(-90 * 86400, "-90d")]
    public void Describe_ReadsAsPeopleWriteDurations(double seconds, string expected) =>
        Assert.Equal(expected, DurationParser.Describe(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(1, "100ns")]
    [InlineData(9, "900ns")]
    [InlineData(25, "2.5µs")]
    [InlineData(-25, "-2.5µs")]
    [InlineData(9_999, "999.9µs")]
    [InlineData(10_000, "0.001s")]
    [InlineData(2_500_000, "0.25s")]
    public void Describe_LessThanAMillisecond_IsInMicrosecondsOrNanoseconds_NeverZeroSeconds(long ticks, string expected) =>
        Assert.Equal(expected, DurationParser.Describe(TimeSpan.FromTicks(ticks)));

    [Theory]
    [InlineData(3600, 1, "1h")]
    [InlineData(3600, 4_999, "1h")]
    [InlineData(3600, 5_000, "1h 0.001s")]
    [InlineData(86400 + 60, 1, "1d 1m")]
    [InlineData(119, 9_999_999, "2m")]
    [InlineData(7200, -1, "2h")]
    public void Describe_ABitOverOrUnderWholeUnits_HasNoZeroSecondsPart(long seconds, long extraTicks, string expected) =>
        Assert.Equal(expected, DurationParser.Describe(TimeSpan.FromSeconds(seconds) + TimeSpan.FromTicks(extraTicks)));

    [Fact]
    public void Describe_TheLongestDurations_DoNotOverflow()
    {
        Assert.Equal("10675199d 2h 48m 5.478s", DurationParser.Describe(TimeSpan.MaxValue));
        Assert.Equal("-10675199d 2h 48m 5.478s", DurationParser.Describe(TimeSpan.MinValue));
    }

    [Fact]
    public void ZeroWhereALengthIsNeeded_SaysSoRatherThanThatItIsNoDuration()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                unless: { event: user.logged_in, within: 0 }
                do:
                  - task: { title: t }
            """)]);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("'within' must be longer than zero", error.Message);
    }

    [Fact]
    public void NegativeAllowedLatenessInATest_IsCalledNegative_ForZeroIsAllowedThere()
    {
        var result = PlaybookLoader.Load([
            new SourceFile("p.yaml", "playbook: p\nrules:\n  - id: r\n    when: { event: user.invited }\n    do:\n      - task: { title: t }\n"),
            new SourceFile("t.test.yaml", "test: t\nplaybooks: [p]\nallowed_lateness: -5m\nevents: []\nexpect: []\n"),
            new SourceFile("zero.test.yaml", "test: zero\nplaybooks: [p]\nallowed_lateness: 0\nevents: []\nexpect: []\n")]);

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("t.test.yaml:3:19: error TRG005: 'allowed_lateness' must not be negative", error.ToString());
    }
}
