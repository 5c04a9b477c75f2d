using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Testing;

/// <summary>
/// Expectations are paired with outcomes one to one, as many as can be: a loose expectation listed before a strict one
/// must not take the outcome the strict one needs, so whether a test passes never depends on the order of its
/// expectations.
/// </summary>
public sealed class ExpectationMatchingTests
{
    private const string Playbook = """
        playbook: welcome
        rules:
          - id: greet
            when: { event: user.invited }
            do:
              - email: { to: "{{ event.data.admin }}", template: welcome }
              - email: { to: "{{ event.data.invitee }}", template: welcome }
        """;

    private static string Test(params string[] expect) => $$"""
        test: t
        events:
          - { time: 2026-02-01T10:00:00Z, type: user.invited, accountid: acme, data: { admin: a@x.test, invitee: b@x.test } }
        expect:
        {{string.Join("\n", expect.Select(e => "  - " + e))}}
        expect_only: true
        """;

    [Theory]
    [InlineData("{ rule: welcome/greet, action: email }", "{ rule: welcome/greet, action: email, to: a@x.test }")]
    [InlineData("{ rule: welcome/greet, action: email, to: a@x.test }", "{ rule: welcome/greet, action: email }")]
    [InlineData("{ rule: welcome/greet, action: email }", "{ rule: welcome/greet, action: email, to: b@x.test }")]
    [InlineData("{ rule: welcome/greet, action: email, to: b@x.test }", "{ rule: welcome/greet, to: a@x.test }")]
    public void LooseExpectationBeforeAStrictOne_LeavesItTheOutcomeItNeeds_AndPasses(string first, string second) =>
        Scenario.Passes(Playbook, Test(first, second));

    [Fact]
    public void ExpectationsThatNeedTheSameOutcome_FailOnce_AndTheClosestSaysWhichExpectationTookIt()
    {
        var result = Scenario.Run(Playbook, Test(
            "{ rule: welcome/greet, action: email }",
            "{ rule: welcome/greet, action: email, to: a@x.test }",
            "{ rule: welcome/greet, action: email, to: a@x.test }"));

        Assert.False(result.Passed);
        var report = string.Join("\n", result.Report);
        Assert.Contains("  - any time action email rule=welcome/greet to=a@x.test    (scenario.test.yaml:7:5)", report);
        Assert.DoesNotContain("(scenario.test.yaml:5:5)", report);
        Assert.DoesNotContain("(scenario.test.yaml:6:5)", report);
        Assert.Contains("closest: 2026-02-01T10:00:00Z action email accountid=acme rule=welcome/greet to=a@x.test template=welcome: " +
            "matched by the expectation at line 6", report);
    }

    [Fact]
    public void ExpectedAddress_MatchesWhateverItsCase_ButNotAnotherAddress()
    {
        Scenario.Passes(Playbook, Test("{ rule: welcome/greet, to: A@X.test }", "{ rule: welcome/greet, to: b@X.TEST }"));

        Assert.False(Scenario.Run(Playbook, Test("{ rule: welcome/greet, to: A@X.test }", "{ rule: welcome/greet, to: c@x.test }")).Passed);
    }
}
