using Triggers.Core.Loading;
using Triggers.Core.Model;
using Triggers.Core.Testing;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Samples;

/// <summary>The shipped playbooks are what CS ops copy first: they must be clean, tested and cover the language.</summary>
public sealed class SamplePlaybookTests
{
    private static readonly LoadResult Loaded = PlaybookLoader.Load(Sources.AllUnder(RepoPaths.Playbooks));

    [Fact]
    public void Samples_Validate_WithoutAnyDiagnostic()
    {
        Assert.Empty(Loaded.Diagnostics);
    }

    public static TheoryData<string> Tests() => [.. Loaded.Set.Tests.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Tests))]
    public void SampleTest_Passes(string name)
    {
        var result = PlaybookTestRunner.Run(Loaded.Set, Loaded.Set.Tests.Single(t => t.Name == name));
        Assert.True(result.Passed, "\n" + string.Join("\n", result.Report));
    }

    [Fact]
    public void Samples_CoverEveryTriggerAndActionKind_AndEachPlaybookHasATest()
    {
        var rules = Loaded.Set.Playbooks.SelectMany(p => p.Rules).ToList();
        Assert.Equal(
            ["count", "event", "milestone", "schedule", "stage", "stage-stuck", "threshold"],
            rules.Select(r => r.When is StageTrigger { StuckFor: not null } ? "stage-stuck" : r.When.Kind).Distinct().Order());
        Assert.Equal(["email", "emit", "task", "webhook"], rules.SelectMany(r => r.Actions).Select(a => a.Kind).Distinct().Order());
        Assert.Contains(rules, r => r.Unless is not null);
        Assert.Contains(rules, r => r.Limit is not null);
        Assert.Contains(rules, r => r.QuietHours is not null);
        Assert.Contains(Loaded.Set.Playbooks, p => p.AppliesTo is not null);
        Assert.Contains(Loaded.Set.Playbooks, p => p.Milestones.Count > 0);
        foreach (var playbook in Loaded.Set.Playbooks)
        {
            Assert.Contains(Loaded.Set.Tests, t => t.Playbooks?.Contains(playbook.Id) == true);
        }

        Assert.Equal(["b2b-buying", "cs-lifecycle", "saas-lifecycle"], Loaded.Set.Journeys.Select(j => j.Id).Order());
    }
}
