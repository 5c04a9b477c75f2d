using Triggers.Core.Loading;
using Triggers.Core.Model;
using Triggers.Core.Tests.Engine;
using Triggers.Core.Tests.Support;
using Triggers.Core.Writing;

namespace Triggers.Core.Tests.Writing;

/// <summary>Parse, print, parse again: the printed YAML is a fixed point and means the same playbook.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Playbooks()
    {
        var data = new TheoryData<string> { AllKinds.Playbook };
        if (Directory.Exists(RepoPaths.Playbooks))
        {
            foreach (var path in Directory.EnumerateFiles(RepoPaths.Playbooks, "*.yaml", SearchOption.AllDirectories)
                         .Where(p => !p.EndsWith(".test.yaml", StringComparison.Ordinal) && File.ReadAllText(p).Contains("\nrules:", StringComparison.Ordinal))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(File.ReadAllText(path));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Playbooks))]
    public void Playbook_PrintedAndReadBack_IsTheSamePlaybook(string yaml)
    {
        var original = LoadOne(yaml);
        var printed = PlaybookWriter.Write(original);
        var reread = LoadOne(printed);

        Assert.Equal(printed, PlaybookWriter.Write(reread));
        Assert.Equal(original.Id, reread.Id);
        Assert.Equal(original.AppliesTo?.Text, reread.AppliesTo?.Text);
        Assert.Equal(original.Milestones.Select(m => (m.Id, m.ReachedWhen.Kind, m.Success.Within)),
                     reread.Milestones.Select(m => (m.Id, m.ReachedWhen.Kind, m.Success.Within)));
        Assert.Equal(original.Rules.Select(Shape), reread.Rules.Select(Shape));
    }

    [Fact]
    public void Writer_TextWithQuotesAndBraces_SurvivesTheRoundTrip()
    {
        var original = LoadOne("""
            playbook: tricky
            description: 'He said "hi": {not a template} # not a comment'
            rules:
              - id: r
                when: { event: user.invited, where: 'event.data.name == "O''Brien: #1"' }
                do:
                  - webhook: { target: slack-cs, body: { text: "Hello {{ trigger.data.name }}", n: 3, ok: true, none: null, list: [1, "two"] } }
            """);

        var reread = LoadOne(PlaybookWriter.Write(original));

        Assert.Equal(original.Description, reread.Description);
        Assert.Equal("event.data.name == \"O'Brien: #1\"", ((EventTrigger)reread.Rules[0].When).Where!.Text);
        Assert.Equal(PlaybookWriter.Write(original), PlaybookWriter.Write(reread));
    }

    private static string Shape(Rule rule) =>
        $"{rule.Id}|{rule.When.Kind}|{rule.Where?.Text}|{rule.Unless?.EventType}:{rule.Unless?.Within}|" +
        $"{string.Join(",", rule.Actions.Select(a => a.Kind))}|{rule.Limit?.Max}/{rule.Limit?.Per}|{rule.QuietHours?.From}-{rule.QuietHours?.To}";

    private static Playbook LoadOne(string yaml)
    {
        // The shipped journeys and targets: sample playbooks refer to their stages and webhook names.
        var context = Sources.AllUnder(RepoPaths.Playbooks).Where(f => f.Path.StartsWith("journeys/", StringComparison.Ordinal) || f.Path == "webhooks.yaml");
        var result = PlaybookLoader.Load([.. context, new SourceFile("playbook.yaml", yaml)]);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError && d.Location.File == "playbook.yaml");
        return result.Set.Playbooks.Single(p => yaml.Contains(p.Id, StringComparison.Ordinal) || p.Id == "tricky");
    }
}
