using System.Text;
using Triggers.Core.Loading;
using static Triggers.Core.Tests.Support.Sources;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// A file that cannot be read at all (a YAML syntax error, another encoding) defines nothing, so every name it defines
/// would be "unknown" wherever another file uses it. Those errors are only its consequence: the unreadable file's own
/// error is the one to fix, and the others are not reported. Errors that have nothing to do with it still are.
/// </summary>
public sealed class UnreadableFileTests
{
    /// <summary>A playbook whose '{' is never closed: its milestone, rule, emitted event and webhook target are unread.</summary>
    private const string Broken = """
        playbook: invite-colleague
        milestones:
          - id: colleague-activated
            reached_when: { event: user.invited }
            success: { event: user.logged_in, within: 7d }
        rules:
          - id: nudge
            when: { event: user.invited
            do:
              - emit: { type: invite.stalled }
        """;

    private const string Journey = """
        journey: j
        stages:
          - id: onboarding
            entered_when: { milestone: colleague-activated, is: reached }
          - id: adoption
            entered_when: { milestone: activated, is: reached }
        touchpoints:
          - id: app
            channel: in-app
            events: [user.invited, user.logged_in, ticket.opened]
        """;

    private const string Other = """
        playbook: other
        stage: onboarding
        rules:
          - id: on-red-flag
            when: { milestone: invite-colleague/colleague-activated, is: failed }
            do:
              - task: { title: t }
          - id: on-stalled
            when: { event: invite.stalled }
            do:
              - task: { title: t }
          - id: typo
            when: { milestone: colleague-activatd, is: failed }
            do:
              - webhook: { target: slack-cs }
        """;

    private const string Test = """
        test: the nudge
        playbooks: [invite-colleague, other, nonexistent]
        events:
          - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme }
        expect:
          - { rule: invite-colleague/nudge, action: task }
          - { kind: milestone, milestone: invite-colleague/colleague-activated }
          - { kind: milestone, milestone: colleague-activated }
          - { rule: other/nope, action: task }
        """;

    private static List<string> Lines(params (string Path, string Text)[] files) => [.. Load(files).Diagnostics.Select(d => d.ToString())];

    [Fact]
    public void PlaybookWithASyntaxError_ReferencesToWhatItDefines_AreNotReported_OtherErrorsAre()
    {
        var lines = Lines(("invite.yaml", Broken), ("journeys/j.yaml", Journey), ("other.yaml", Other), ("invite.test.yaml", Test));

        Assert.Equal(
            [
                "invite.test.yaml:2:38: error TRG010: test 'the nudge' names playbook 'nonexistent', which does not exist",
                "invite.test.yaml:9:13: error TRG012: expected rule 'other/nope' does not exist",
                "invite.yaml:8:11: error TRG001: YAML syntax error: this '{' is never closed: the file ends before its '}'",
                "journeys/j.yaml:6:32: error TRG009: milestone 'activated' does not exist",
                "other.yaml:13:24: error TRG009: milestone 'colleague-activatd' does not exist in playbook 'other'",
                "other.yaml:15:20: error TRG011: webhook target 'slack-cs' is not defined",
            ],
            lines);
    }

    [Fact]
    public void UnknownNameStillReported_ItsHintSaysWhichFilesCouldNotBeRead()
    {
        var diagnostics = Load(("invite.yaml", Broken), ("journeys/j.yaml", Journey), ("other.yaml", Other)).Diagnostics;

        var unknown = Assert.Single(diagnostics, d => d.ToString().Contains("milestone 'activated' does not exist", StringComparison.Ordinal));
        Assert.EndsWith("; invite.yaml could not be read, so what it defines is not known yet: fix it first", unknown.Hint);
    }

    [Fact]
    public void NameOnlyInACommentOfTheUnreadableFile_IsStillReported()
    {
        // "# - id: activated (renamed)" defines nothing: the journey's reference to it is still wrong.
        var broken = Broken.Replace("  - id: colleague-activated", "  # - id: activated (renamed)\n  - id: colleague-activated", StringComparison.Ordinal);

        var lines = Lines(("invite.yaml", broken), ("journeys/j.yaml", Journey), ("other.yaml", Other));

        Assert.Contains("journeys/j.yaml:6:32: error TRG009: milestone 'activated' does not exist", lines);
        Assert.DoesNotContain(lines, l => l.Contains("colleague-activated'", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameFilesReadable_ReportTheReferencesThatAreWrong()
    {
        // The suppression is for names the unreadable file defines: with the file fixed, nothing it defines is unknown.
        var lines = Lines(("invite.yaml", Broken.Replace("{ event: user.invited\n", "{ event: user.invited }\n", StringComparison.Ordinal)),
            ("journeys/j.yaml", Journey), ("other.yaml", Other), ("invite.test.yaml", Test));

        Assert.Equal(
            [
                "invite.test.yaml:2:38: error TRG010: test 'the nudge' names playbook 'nonexistent', which does not exist",
                "invite.test.yaml:9:13: error TRG012: expected rule 'other/nope' does not exist",
                "journeys/j.yaml:6:32: error TRG009: milestone 'activated' does not exist",
                "other.yaml:13:24: error TRG009: milestone 'colleague-activatd' does not exist in playbook 'other'",
                "other.yaml:15:20: error TRG011: webhook target 'slack-cs' is not defined",
            ],
            lines);
    }

    [Fact]
    public void UnreadableJourneyAndTargets_StagesAndTargetsTheyName_AreNotReported_NorEventTypesOnlyTheyMap()
    {
        var lines = Lines(
            ("journeys/j.yaml", Journey.Replace("- id: app", "- id: app\n    channel: [in-app", StringComparison.Ordinal)),
            ("journeys/k.yaml", "journey: k\nstages:\n  - id: renewal\n    entered_when: { event: subscription.renewed }\n"),
            ("webhooks.yaml", "targets:\n  - name: slack-cs\n  - name: [crm\n"),
            ("p.yaml", """
                playbook: p
                stage: onboarding
                rules:
                  - id: r
                    when: { event: ticket.opened }
                    do:
                      - webhook: { target: slack-cs }
                      - webhook: { target: pager }
                  - id: s
                    when: { stage: adoptoin, is: entered }
                    do:
                      - task: { title: t }
                """));

        Assert.Equal(
            [
                "journeys/j.yaml:9:14: error TRG001",
                "p.yaml:8:20: error TRG011: webhook target 'pager' is not defined",
                "p.yaml:10:13: error TRG008: stage 'adoptoin' is not defined by any journey",
                "webhooks.yaml:3:11: error TRG001",
            ],
            lines.Select(l => l.Contains("TRG001", StringComparison.Ordinal) ? l[..(l.IndexOf("TRG001", StringComparison.Ordinal) + 6)] : l));
    }

    [Fact]
    public void PlaybookInAnotherEncoding_ReferencesToItAreNotReported()
    {
        var latin1 = SourceFile.FromBytes("invite.yaml", Encoding.Latin1.GetBytes(
            Broken.Replace("{ event: user.invited\n", "{ event: user.invited }\n", StringComparison.Ordinal).Replace("playbook: invite-colleague", "playbook: invite-colleague\ndescription: für Müller", StringComparison.Ordinal)));

        var result = PlaybookLoader.Load([latin1, new SourceFile("invite.test.yaml", Test)]);

        Assert.Equal(
            [
                "invite.test.yaml:2:31: error TRG010: test 'the nudge' names playbook 'other', which does not exist",
                "invite.test.yaml:2:38: error TRG010: test 'the nudge' names playbook 'nonexistent', which does not exist",
                "invite.test.yaml:9:13: error TRG012: expected rule 'other/nope' does not exist",
                "invite.yaml:2:15: error TRG023: the file is not UTF-8: byte 0xFC (byte 42 of the file) is not part of a UTF-8 character",
            ],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void SyntaxErrorOnThePlaybookLineItself_TheFileNameStandsInForItsId()
    {
        var lines = Lines(("invite-colleague.yaml", Broken.Replace("playbook: invite-colleague", "playbook: [invite-colleague", StringComparison.Ordinal)),
            ("invite.test.yaml", Test));

        Assert.DoesNotContain(lines, l => l.Contains("invite-colleague'", StringComparison.Ordinal) || l.Contains("invite-colleague/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'nonexistent'", StringComparison.Ordinal));
    }
}
