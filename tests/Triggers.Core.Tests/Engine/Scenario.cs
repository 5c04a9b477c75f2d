using Triggers.Core.Loading;
using Triggers.Core.Testing;

namespace Triggers.Core.Tests.Engine;

/// <summary>
/// Runs a playbook and a playbook test written in YAML, exactly as CS ops write them, through the real loader,
/// engine and simulator, with a small journey and webhook targets alongside.
/// </summary>
internal static class Scenario
{
    public const string Journey = """
        journey: scenario
        stages:
          - id: onboarding
            entered_when: { event: subscription.started }
          - id: adoption
            entered_when: { event: feature.used, where: event.data.key == true }
          - id: retention
            entered_when: { event: subscription.renewed }
        touchpoints:
          - id: product
            channel: in-app
            events: [user.invited, user.logged_in, feature.used, ticket.opened, ticket.escalated, ticket.responded,
                     ticket.resolved, csat.answered, nps.answered, usage.snapshot, health.red_flag, alert.raised]
        """;

    public const string Targets = """
        targets:
          - name: slack-cs
        """;

    public static TestResult Run(string playbooks, string test)
    {
        var files = new List<SourceFile>
        {
            new("journeys/scenario.yaml", Journey),
            new("webhooks.yaml", Targets),
            new("scenario.test.yaml", test),
        };
        var parts = playbooks.Split("\n---\n");
        for (var i = 0; i < parts.Length; i++)
        {
            files.Add(new SourceFile($"playbook{i}.yaml", parts[i]));
        }

        var loaded = PlaybookLoader.Load(files);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return PlaybookTestRunner.Run(loaded.Set, loaded.Set.Tests.Single());
    }

    /// <summary>Asserts the test passes, showing the expected-against-actual report when it does not.</summary>
    public static void Passes(string playbooks, string test)
    {
        var result = Run(playbooks, test);
        Assert.True(result.Passed, "\n" + string.Join("\n", result.Report));
    }
}
