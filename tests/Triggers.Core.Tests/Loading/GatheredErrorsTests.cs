using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// Validation reports every error in one run: a piece that could not be read (an id that breaks the rules, a broken
/// trigger or action) does not hide what else is wrong around it.
/// </summary>
public sealed class GatheredErrorsTests
{
    private static List<string> Errors(string playbook) =>
        [.. PlaybookLoader.Load([.. Sources.FixtureWithBase("TRG013.yaml").Where(f => f.Path.StartsWith("base/", StringComparison.Ordinal)),
                new SourceFile("p.yaml", playbook)])
            .Diagnostics.Where(d => d.Location.File == "p.yaml").Select(d => $"{d.Location.Line}:{d.Code}")];

    [Fact]
    public void InvalidPlaybookId_StillReportsTheRestOfTheFile()
    {
        var errors = Errors("""
            playbook: Alpha_1
            stage: nostage
            milestones:
              - { id: m1, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 7d } }
              - { id: m1, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 7d } }
            rules:
              - id: r1
                when: { milestone: nosuch, is: reached }
                do:
                  - webhook: { target: nosuch, body: { a: 1 } }
              - id: r1
                when: { event: user.invited }
                do:
                  - task: { title: hello }
            """);

        Assert.Equal(["1:TRG006", "2:TRG008", "5:TRG007", "8:TRG009", "10:TRG011", "11:TRG007"], errors);
    }

    [Fact]
    public void RuleWithABrokenTriggerOrAction_StillHasItsIdAndReferencesChecked()
    {
        var errors = Errors("""
            playbook: alpha
            rules:
              - id: r1
                when: { milestone: nosuch, is: reached }
                do:
                  - email: { to: "x@y.z" }
              - id: r1
                when: { threshold: { value: account.x, below: 1, above: 2, for: 1d } }
                do:
                  - webhook: { target: nosuch, body: { a: 1 } }
              - id: Bad_Id
                when: { event: user.invited }
                do:
                  - task: { title: hello }
              - id: bad_id
                when: { event: user.invited }
                do: []
            """);

        Assert.Equal(["4:TRG009", "6:TRG004", "7:TRG007", "8:TRG015", "10:TRG011", "11:TRG006", "15:TRG006", "17:TRG004"], errors.Where(e => !e.EndsWith("TRG200", StringComparison.Ordinal)));
    }

    [Fact]
    public void MilestoneWithABrokenSuccessWindow_StillExistsForTheRulesNamingIt()
    {
        // One mistake, one error: the rule on it used to add "milestone 'm' does not exist".
        var errors = Errors("""
            playbook: p
            milestones:
              - { id: m, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 7x } }
            rules:
              - id: r
                when: { milestone: m, is: failed }
                do:
                  - task: { title: missed }
            """);

        Assert.Equal(["3:TRG005"], errors);
    }

    [Fact]
    public void MilestoneWithAnUnreadableSuccess_StillHasItsDuplicateIdReported()
    {
        // Both mistakes in one run: the first definition's bad success used to drop it before the duplicate check.
        var errors = Errors("""
            playbook: p
            milestones:
              - { id: m, reached_when: { event: user.invited }, success: { event: User.LoggedIn, within: 7d } }
              - { id: m, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 7d } }
              - { id: n, reached_when: { event: user.invited } }
              - { id: n, reached_when: { event: user.invited }, success: { event: user.logged_in, within: 7d } }
            rules:
              - id: r
                when: { milestone: m, is: failed }
                do:
                  - task: { title: missed }
            """);

        Assert.Equal(["3:TRG006", "4:TRG007", "5:TRG004", "6:TRG007"], errors.Where(e => !e.EndsWith("TRG200", StringComparison.Ordinal)));
    }

    [Fact]
    public void StageWithAnUnreadableEntry_StillHasItsDuplicateIdReported()
    {
        const string Journey = """
            journey: j
            stages:
              - { id: s, entered_when: { event: Bad_Type } }
              - { id: s, entered_when: { event: a.b } }
              - { id: t, entered_when: { milestone: p/m, is: failed } }
              - { id: t, entered_when: { event: a.b } }
            touchpoints: []
            """;
        var result = PlaybookLoader.Load([new SourceFile("journeys/j.yaml", Journey)]);

        Assert.Equal(["3:TRG006", "4:TRG007", "5:TRG019", "6:TRG007"],
            result.Diagnostics.Where(d => d.IsError).Select(d => $"{d.Location.Line}:{d.Code}"));
    }

    [Fact]
    public void DuplicatePlaybookAndJourneyIds_PointAtTheIdsValue_AsOtherDuplicatesDo()
    {
        const string Playbook = "playbook:   twice\nrules:\n  - id: r\n    when: { event: a.b }\n    do:\n      - task: { title: t }\n";
        const string Journey = "journey:  again\nstages:\n  - { id: s, name: S, entered_when: { event: a.b } }\ntouchpoints: []\n";
        var result = PlaybookLoader.Load([new SourceFile("a.yaml", Playbook), new SourceFile("b.yaml", Playbook),
            new SourceFile("journeys/a.yaml", Journey), new SourceFile("journeys/b.yaml", Journey.Replace("id: s,", "id: t,", StringComparison.Ordinal))]);

        Assert.Equal(
            ["b.yaml:1:13: error TRG007: duplicate playbook id 'twice'", "journeys/b.yaml:1:11: error TRG007: duplicate journey id 'again'"],
            result.Diagnostics.Where(d => d.Code == "TRG007").Select(d => d.ToString()).Order(StringComparer.Ordinal));
    }
}
