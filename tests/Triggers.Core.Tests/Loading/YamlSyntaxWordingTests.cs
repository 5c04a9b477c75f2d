using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// The YAML mistakes CS ops make most are reported in words about the file, at the character to fix, with a hint that
/// shows the fix: never the parser's own state ("While parsing a block mapping, did not find expected key").
/// </summary>
public sealed class YamlSyntaxWordingTests
{
    public static TheoryData<string, string, string> Mistakes => new()
    {
        {
            "playbook: p\nrules:\n  - id: r\n    when:\n      event: x\n     do: []\n",
            "6:6: this line is indented 5 spaces, which lines up with no key above it (the keys it could belong with are at 0, 4 and 6 spaces)",
            "give it the same number of spaces as the keys it belongs with"
        },
        {
            // A key's name deleted: the parser gives up on the line after the ':', which is not where to look.
            "playbook: p\nrules:\n  - id: r\n    when: { event: x }\n    :\n      - task: { title: t }\n",
            "5:5: this line starts with ':' where YAML expects a key", "a key comes first, then ': ' and the value"
        },
        { "playbook: p\nrules\n  - id: r\n", "2:6: 'rules' has no ':' after it, so YAML does not read it as a key", "write 'rules:'" },
        { "playbook: p\nrules\nstage: s\n", "2:6: 'rules' has no ':' after it, so YAML does not read it as a key", "write 'rules:'" },
        {
            "playbook: p\nrules:\n  - id: r\n    when: { event: x where: y }\n",
            "4:27: expected ',' or '}' here: the entries of the '{' opened at line 4, column 11 are separated by commas",
            "put ', ' between entries"
        },
        {
            "playbook: p\nrules:\n  - id: r\n    do:\n      - task: { title: \"abc }\n",
            "5:24: this \" is never closed: the file ends before the value's closing \"", "end the value with \" on the line it starts on"
        },
        { "playbook: p\ndescription: `hello`\nrules: []\n", "2:14: '`' cannot start a value that is not in quotes", "put the value in quotes: description: \"`hello`\"" },
        { "playbook: p\ndescription: @team\nrules: []\n", "2:14: '@' cannot start a value that is not in quotes", "description: \"@team\"" },
        {
            "playbook: p\nrules: []\n  stage: s\n",
            "3:3: this line is indented more than 'rules' on line 2, as if it belonged under it, but 'rules' already has its value ([])",
            "if it is a key of its own, indent it like 'rules' (0 spaces)"
        },
        { "playbook: p\nrules: [\n", "2:8: this '[' is never closed: the file ends before its ']'", "add the ']' after the last item" },
        { "playbook: p\napplies_to: [a, , b]\nrules: []\n", "2:17: an empty item: a ',' with nothing before it", "delete the extra ','" },
        {
            "playbook: p\ndescription: \"C:\\path\"\nrules: []\n",
            "2:17: in a value in double quotes a backslash starts an escape, and '\\p' is not an escape YAML knows",
            "use single quotes, where a backslash is an ordinary character ('C:\\path')"
        },
        {
            "playbook: p\ndescription: \"bad \\xZZ\"\nrules: []\n",
            "2:19: in a value in double quotes a backslash starts an escape, and '\\x' must be followed by 2 hexadecimal digits",
            "write each backslash as '\\\\'"
        },
        {
            "playbook: p\nrules:\n  - id: r\n    do:\n    - task: { title: a }\n   - task: { title: b }\n",
            "6:4: this item's '-' is indented 3 spaces, but the list's items above start at 4 spaces", "line up the '-' of every item in a list"
        },
        {
            "playbook: p\nrules:\n  - id: r\n  when: { event: x }\n",
            "4:3: 'when' is at the indentation of the list's '-' above, where YAML expects the next item",
            "if 'when' belongs to the item above, indent it 4 spaces like the item's first key; if it starts a new item, write '- when: ...'"
        },
        { "playbook: p\napplies_to: - admins\nrules: []\n", "2:13: a list cannot start on the same line as its key", "'applies_to:' then '  - admins'" },
        { "playbook: p\nrules: - id: r\n", "2:8: a list cannot start on the same line as its key", "'rules:' then '  - id: r'" },
        { "playbook: p\nrules: []\n- x\n", "3:1: a list item ('- ') at the indentation of the keys of a mapping", "a list belongs under a key" },
        {
            "playbook: p\ndescription: |\nSent when\nrules: []\n", "3:1: the text of the '|' on line 2 must be indented more than 'description'",
            "indent every line of the text by at least 2 spaces"
        },
        {
            "  playbook: p\nrules: []\n", "2:1: this line is indented less than the file's first line (2 spaces), so YAML cannot read it as part of the same mapping",
            "start the top-level keys at the beginning of the line"
        },
        { "playbook: p\nrules: []]\n", "2:10: a ']' with no '[' before it to close", "delete it, or add the '['" },
        { "%YAML 1.1\nplaybook: p\nrules: []\n", "1:1: YAML reads a line starting with '%' as a directive", "delete the '%' line" },
        { "playbook: p\ndescription: ? what\nrules: []\n", "2:14: YAML reads '?' at the start of a value as syntax (a complex key), not as text", "description: \"? what\"" },
        {
            "playbook: p\ndescription: 'it's fine'\nrules: []\n", "2:14: this value starts with quoted text and goes on after the closing quote",
            "a quote inside the value ends it early: in single quotes write a ' as '': description: 'it''s fine'"
        },
        {
            "playbook: p\nrules:\n  - id: r\n     when: { event: x }\n",
            "4:6: this line is indented more than 'id' on line 3, as if it belonged under it, but 'id' already has its value (r)",
            "if it is a key of its own, indent it like 'id' (4 spaces)"
        },
        { "playbook: p\nrules: []\n>\n", "3:1: this line starts with '>' where YAML expects a key", "delete the character or put the line under its key" },
        { "playbook: p\nrules: []\ndone\nstage: s\n", "3:5: 'done' has no ':' after it, so YAML does not read it as a key", "write 'done:'" },
        { "playbook: p\n%\nrules: []\n", "2:1: YAML reads a line starting with '%' as a directive", "delete the '%' line" },
        { "playbook: p\n,#\nrules: []\n", "2:1: a '#' right after a ',': YAML takes '#' for a comment only after a space", "put a space before the '#'" },
        {
            "playbook: p\ndescription:\n  \"Sent when\nthe account\nrules: []\n",
            "3:3: the quoted value that starts here runs on over the lines below, and one of them is indented less than the value may be",
            "close it where the value ends"
        },
        { "playbook: p\nrules: []\n[\n", "3:1: this line starts with '[' where YAML expects a key", "a key comes first, then ': ' and the value" },
        {
            "# a playbook\n-#\n# then\nplaybook: p\nrules: []\n", "2:1: YAML reads '-#' as the value of the whole file, so nothing can follow it (line 4 is where it stopped)",
            "a file starts with its top-level keys"
        },
        {
            "targets:\n  - name: crm\n    url:https://crm.example.test/hook\n",
            "3:9: 'url:' has no space after it, so YAML reads the line as one piece of text", "put a space after the ':': url: https://crm.example.test/hook"
        },
        {
            "playbook:{ p: 1 needs: 2\nrules: []\n", "1:10: 'playbook:' has no space after it, so YAML reads the line as one piece of text",
            "put a space after the ':': playbook: { p: 1 needs: 2"
        },
        { "# a playbook\n|#\n", "2:1: YAML reads '|' here as the start of a block of text ('|' or '>' after a key), which this is not", "put the value in quotes" },
        { "playbook: p\nmilestones:\n  - id: m\n    reached_when: { event: x.y\n", "4:19: this '{' is never closed: the file ends before its '}'", "add the '}' after the last entry" },
        {
            "playbook: p\napplies_to: [a]-b]\nrules: []\n", "2:16: the value of 'applies_to' ends at the ']' before this, and YAML cannot read what follows it on the line",
            "put everything inside the brackets or quotes"
        },
        { "playbook: p\nrules: []\n{\n", "3:1: this line starts with '{' where YAML expects a key", "delete the character or put the line under its key" },
        {
            "test: t\nevents: []\nexpect:\n  - { rule: p/r, action: task, assignee: priya@ve{ndor.test }\n",
            "4:50: a '{' inside a value within '{ }' or '[ ]': YAML reads it as the start of a mapping, so the brackets no longer pair up",
            "put the value in quotes: \"priya@ve{ndor.test\""
        },
        {
            "test: t\nevents: []\nexpect:\n  - { rule: p/r, action: task\n  - { rule: p/s, action: task }\n",
            "4:5: this '{' is never closed: the file ends before its '}'", "add the '}' after the last entry"
        },
        {
            "test: t\nevents:\n  - { time: 2026-01-05T10:00:00Z, type: x.y, accountid: a,\n  \\   data: { n: 1 } }\nexpect: []\n",
            "4:3: a stray '\\' before 'data': YAML reads the line as text, not as a key and its value", "delete it"
        },
        {
            "test: t\nplaybooks: [p]:\nevents: []\nexpect: []\n", "2:15: YAML cannot take a ':' here: it follows a value that is already complete",
            "delete the ':'"
        },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void CommonMistake_IsExplainedAtTheCharacterToFix(string yaml, string expected, string hint)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.StartsWith($"p.yaml:{expected.Split(": ")[0]}: error TRG001: YAML syntax error: {expected[(expected.IndexOf(": ", StringComparison.Ordinal) + 2)..]}", error.ToString());
        Assert.Contains(hint, error.Hint);
        Assert.DoesNotContain("While ", error.ToString());
    }

    [Fact]
    public void KeyAndValueWithNoSpace_SaysYamlNeedsTheSpace()
    {
        var yaml = "playbook: p\nrules:\n  - id: r\n    when:\n      event:user.invited\n    do:\n      - task: { title: t }\n";

        var error = Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics);

        Assert.Equal("p.yaml:5:7: error TRG003: when must be a trigger such as { event: user.invited }, not 'event:user.invited' "
            + "(with no space after the ':', YAML reads it as one piece of text, not as a key and its value)", error.ToString());
    }

    [Fact]
    public void KeyAndValueWithNoSpace_InAFlowMapping_SaysYamlNeedsTheSpace()
    {
        // { event:a.b } is a mapping of one key 'event:a.b' with no value: the same mistake in flow style.
        var yaml = "playbook: p\nrules:\n  - id: r\n    when: { event:user.invited }\n    do:\n      - task: { title: t }\n";

        var error = Assert.Single(PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics);

        Assert.Equal("p.yaml:4:13: error TRG002: unknown trigger kind 'event:user.invited' in when: with no space after the ':', YAML reads it as one key, "
            + "not as 'event' and its value", error.ToString());
        Assert.Equal("put a space after the ':': event: user.invited", error.Hint);
    }
}
