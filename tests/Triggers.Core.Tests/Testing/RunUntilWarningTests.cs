using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// A test with no <c>run_until</c> ends at its last event: a reminder three days later never falls due, so a test that
/// expects nothing passes without testing anything. It still passes, with a warning that says so.
/// </summary>
public sealed class RunUntilWarningTests
{
    private const string Reminder = """
        playbook: invite
        rules:
          - id: never-logged-in
            when: { event: user.invited }
            unless: { event: user.logged_in, where: event.userid == trigger.data.invitee_id, within: 3d }
            do:
              - task: { title: remind them }
        """;

    private static string Test(string runUntil) => $$"""
        test: nothing fires
        events:
          - { time: 2026-03-06T10:00:00Z, type: user.invited, accountid: acme, data: { invitee_id: u2 } }
        {{runUntil}}
        expect: []
        expect_only: true
        """;

    [Fact]
    public void TestWithoutRunUntil_AndAWindowStillOpen_PassesWithAWarningNamingWhenItWouldFallDue()
    {
        var result = Scenario.Run(Reminder, Test(""));

        Assert.True(result.Passed);
        Assert.Equal("warning: with no run_until the test ends at its last event (2026-03-06T10:00:00Z), while a window or timer is still to fall due " +
                     "(the first at 2026-03-09T10:00:00Z): add run_until to see what it does", result.Warning);
    }

    [Fact]
    public void TestWithRunUntil_HasNoWarning_AndSeesTheReminder()
    {
        var result = Scenario.Run(Reminder, Test("run_until: 2026-03-10T00:00:00Z"));

        Assert.Null(result.Warning);
        Assert.False(result.Passed);
    }
}
