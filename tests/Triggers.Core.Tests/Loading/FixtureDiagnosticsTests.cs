using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// One fixture per diagnostic code: each is loaded with a small base set, and must produce exactly the one
/// diagnostic pinned here: code, line, column and the message a CS ops person reads.
/// </summary>
public sealed class FixtureDiagnosticsTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "TRG001.yaml", "TRG001.yaml:4:11: error TRG001: YAML syntax error: this '{' is never closed: the file ends before its '}'" },
        { "TRG002.yaml", "TRG002.yaml:5:5: error TRG002: unknown key 'wher' in rule; did you mean 'where'?" },
        { "TRG003.yaml", "TRG003.yaml:2:8: error TRG003: 'rules' in playbook must be a list, not 'remind everyone'" },
        { "TRG004.yaml", "TRG004.yaml:3:5: error TRG004: rule is missing required key 'do'" },
        { "TRG005.yaml", "TRG005.yaml:5:46: error TRG005: '3days' is not a valid duration" },
        { "TRG006.yaml", "TRG006.yaml:1:11: error TRG006: 'Invite_Colleague' is not a valid playbook id" },
        { "TRG007.yaml", "TRG007.yaml:7:9: error TRG007: duplicate rule in playbook 'duplicate-rule' id 'r1'" },
        { "TRG008.yaml", "TRG008.yaml:2:8: error TRG008: stage 'onbording' is not defined by any journey" },
        { "TRG009.yaml", "TRG009.yaml:4:24: error TRG009: milestone 'base/activatd' does not exist" },
        { "TRG010.test.yaml", "TRG010.test.yaml:2:13: error TRG010: test 'names a playbook that does not exist' names playbook 'bsae', which does not exist" },
        { "TRG011.yaml", "TRG011.yaml:6:20: error TRG011: webhook target 'slack-sc' is not defined" },
        { "TRG012.test.yaml", "TRG012.test.yaml:5:41: error TRG012: expected rule 'base/remnid' does not exist" },
        { "TRG013.yaml", "TRG013.yaml:6:9: error TRG013: rule 'emit-loop/echo' emits 'health.flag', which leads back to itself: health.flag -> health.flag" },
        { "TRG014.yaml", "TRG014.yaml:4:11: error TRG014: when names 2 trigger kinds (event, milestone); a trigger has exactly one" },
        { "TRG015.yaml", "TRG015.yaml:5:14: error TRG015: count trigger has both 'at_least' and 'at_most'" },
        { "TRG016.yaml", "TRG016.yaml:7:27: error TRG016: '25:00' is not a time of day" },
        { "TRG017.yaml", "TRG017.yaml:7:58: error TRG017: unknown time zone 'Mars/Olympus_Mons'" },
        { "TRG018.yaml", "TRG018.yaml:7:19: error TRG018: 'max' must be at least 1, not 0" },
        { "TRG019.yaml", "TRG019.yaml:6:37: error TRG019: 'asap' is not a valid value for 'priority'" },
        { "TRG020.yaml", "TRG020.yaml:1:1: error TRG020: not a Triggers file: expected a top-level 'playbook', 'journey', 'test' or 'targets' key" },
        { "TRG021.test.yaml", "TRG021.test.yaml:3:13: error TRG021: 'yesterday' is not a timestamp" },
        { "TRG022.yaml", "TRG022.yaml:29:13: error TRG022: rule 'relay/s8' emits 'relay.e9' as emit 9 of one chain (user.invited -> relay.e1 -> relay.e2 -> relay.e3 -> relay.e4 -> relay.e5 -> relay.e6 -> relay.e7 -> relay.e8 -> relay.e9): the engine follows at most 8 emits at one instant, so this one would be suppressed (reason emit-depth)" },
        { "TRG023.yaml", "TRG023.yaml:6:28: error TRG023: the file is not UTF-8: byte 0xE9 (byte 104 of the file) is not part of a UTF-8 character" },
        { "TRG100.yaml", "TRG100.yaml:5:41: error TRG100: expected a value after '!=', found end of expression" },
        { "TRG101.yaml", "TRG101.yaml:2:13: error TRG101: unknown name 'acount'; did you mean 'account'?" },
        { "TRG102.yaml", "TRG102.yaml:5:71: error TRG102: cannot compare a duration with a number" },
        { "TRG103.yaml", "TRG103.yaml:5:12: error TRG103: unknown function 'lenght'" },
        { "TRG104.yaml", "TRG104.yaml:5:12: error TRG104: lower takes 1 argument, but none were given" },
        { "TRG105.yaml", "TRG105.yaml:6:30: error TRG105: '{{' is not closed: add '}}' after the expression" },
        { "TRG106.yaml", "TRG106.yaml:4:47: error TRG106: 'invitee_id' is not an event attribute" },
        { "TRG200.yaml", "TRG200.yaml:2:1: warning TRG200: playbook 'no-rules' has no rules, so it never acts" },
        { "TRG201.yaml", "TRG201.yaml:4:11: warning TRG201: no journey touchpoint, stage or emit produces event type 'user.loged_in'; did you mean 'user.logged_in'?" },
        { "TRG202.yaml", "TRG202.yaml:6:39: warning TRG202: 'trigger' is always null here: this rule fires from the clock (a schedule, or a count that stays at_most), not from an event" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_Loaded_ReportsExactlyTheExpectedDiagnostic(string fixture, string expected)
    {
        var result = PlaybookLoader.Load(Sources.FixtureWithBase(fixture));

        var lines = result.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.Equal([expected], lines);
    }
}
