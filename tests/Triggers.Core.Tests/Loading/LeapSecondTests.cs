using Triggers.Core.Expressions;
using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// A leap second (23:59:60Z), which RFC 3339 allows and event histories may carry, reads the same everywhere a time is
/// read: as the last tick of the second before it, as the event reader has always taken it. A history line moved into
/// a test, or a trait holding such a time, must not turn from valid to an error.
/// </summary>
public sealed class LeapSecondTests
{
    private static readonly DateTimeOffset LastTick = new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(TimeSpan.TicksPerSecond - 1);

    [Theory]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2016-12-31t23:59:60.5z")]
    [InlineData("2017-01-01T00:59:60+01:00")]
    public void LeapSecond_InTestTimesUntilAndTraits_ReadsAsTheLastTickOfTheSecondBefore(string text)
    {
        Assert.True(Triggers.Core.Loading.NodeRules.TryParseTimestamp(text, out var timestamp));
        Assert.True(Value.TryParseTime(text, out var trait));

        Assert.Equal(LastTick, timestamp);
        Assert.Equal(LastTick, trait);
    }

    [Fact]
    public void LeapSecond_AsATestEventsTime_Loads_AndTheEventFires() =>
        Scenario.Passes("""
            playbook: p
            rules:
              - id: r
                when: { event: ticket.opened }
                do:
                  - task: { title: t }
            """, """
            test: a ticket opened in a leap second
            events:
              - { time: 2016-12-31T23:59:60Z, type: ticket.opened, accountid: acme }
            run_until: 2017-01-01T00:00:00Z
            expect:
              - { time: 2016-12-31T23:59:59.9999999Z, rule: p/r, action: task }
            expect_only: true
            """);
}
