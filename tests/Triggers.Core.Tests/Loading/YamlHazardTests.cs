using Triggers.Core.Loading;
using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Loading;

/// <summary>
/// YAML that reads differently from how it looks, or that costs far more to read than its size: each is an error at
/// the place to fix, never a playbook that silently means something else, a crash, or gigabytes of memory.
/// </summary>
public sealed class YamlHazardTests
{
    private static string Playbook(string where, string title = "call") => $$"""
        playbook: p
        rules:
          - id: r
            when:
              event: feature.used
              where: {{where}}
            do:
              - task: { title: {{title}} }
        """;

    private static List<string> Errors(string yaml, string file = "p.yaml") =>
        [.. PlaybookLoader.Load([new SourceFile(file, yaml)]).Diagnostics.Where(d => d.IsError).Select(d => d.ToString())];

    [Fact]
    public void BangMeantAsNot_IsATagError_NotAConditionThatVanishes()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook("!event.data.key"))]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:6:14: error TRG001: YAML reads '!event.data.key' as a tag, which is dropped from the value without a word; playbooks use no tags", error.ToString());
        Assert.Equal("if the '!' belongs to the value, quote the whole value: '!event.data.key'; for a negation write 'not': not event.data.key", error.Hint);
        Assert.Empty(result.Set.Playbooks);
    }

    [Theory]
    [InlineData("!urgent call the customer", "p.yaml:8:24: error TRG001: YAML reads '!urgent' as a tag")]
    [InlineData("!!str 42", "p.yaml:8:24: error TRG001: YAML reads '!!str' as a tag")]
    public void AnyTagOnAValue_IsAnError(string title, string expected)
    {
        var error = Assert.Single(Errors(Playbook("event.data.key == true", title)));

        Assert.StartsWith(expected, error);
    }

    [Fact]
    public void QuotedBangInACondition_StillMeansNot()
    {
        Scenario.Passes(Playbook("'!event.data.key'"), """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: feature.used, accountid: acme, data: { key: true } }
              - { time: 2026-02-02T10:00:00Z, type: feature.used, accountid: acme, data: { key: false } }
            expect_only: true
            expect:
              - { rule: p/r, action: task, time: 2026-02-02T10:00:00Z }
            """);
    }

    [Fact]
    public void AliasesThatMultiply_AreStoppedAtTheAliasThatGoesOverTheLimit()
    {
        // Each level repeats the one before ten times: about 600 bytes standing for a million values.
        var levels = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"            l{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]"));
        var yaml = $$"""
            playbook: p
            rules:
              - id: r
                when: { event: ticket.opened }
                do:
                  - webhook:
                      target: t
                      body:
                        l0: &b0 [x, x, x, x, x, x, x, x, x, x]
            {{levels}}
            """;

        var error = Assert.Single(Errors(yaml));

        Assert.Equal("p.yaml:12:57: error TRG001: the file's aliases stand for more than 10,000 values in all, too many to read", error);
    }

    [Fact]
    public void AnchorsRepeatedAFewTimes_StillWork()
    {
        Scenario.Passes("""
            playbook: p
            rules:
              - id: first
                when: { event: ticket.opened }
                do:
                  - task: &call { title: call the customer, priority: high }
              - id: second
                when: { event: ticket.escalated }
                do:
                  - task: *call
            """, """
            test: t
            events:
              - { time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }
              - { time: 2026-02-02T10:00:00Z, type: ticket.escalated, accountid: acme }
            expect_only: true
            expect:
              - { rule: p/first, action: task, title: call the customer, priority: high }
              - { rule: p/second, action: task, title: call the customer, priority: high }
            """);
    }

    [Theory]
    [InlineData("title: *missing", "p.yaml:6:24: error TRG001: the alias '*missing' has no anchor '&missing' before it")]
    [InlineData("title: *later\n      - task: { title: &later t }", "p.yaml:6:24: error TRG001: the alias '*later' has no anchor '&later' before it")]
    public void AliasWithNoAnchorBeforeIt_IsReportedAtTheAlias(string field, string expected)
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ event: ticket.opened }}\n    do:\n      - task: {{ {field.Split('\n')[0]} }}\n{string.Join("\n", field.Split('\n').Skip(1))}\n";

        Assert.Equal(expected, Assert.Single(Errors(yaml)));
    }

    [Fact]
    public void AliasInsideItsOwnAnchor_IsAnError_NotAnEndlessValue()
    {
        var yaml = "playbook: p\nrules:\n  - id: r\n    when: { event: ticket.opened }\n    do:\n      - webhook: { target: t, body: &loop { again: *loop } }\n";

        Assert.Equal(["p.yaml:6:52: error TRG001: the alias '*loop' is inside the value anchored as '&loop', so it would repeat itself without end"], Errors(yaml));
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{ a: ", depth)) + "1" + string.Concat(Enumerable.Repeat(" }", depth));

    [Fact]
    public void WebhookBodyNestedTooDeeply_IsALoadError_SoTheEngineNeverMeetsIt()
    {
        var yaml = $"playbook: p\nrules:\n  - id: r\n    when: {{ event: ticket.opened }}\n    do:\n      - webhook: {{ target: t, body: {Nested(1001)} }}\n";

        var error = Assert.Single(Errors(yaml));

        Assert.StartsWith("p.yaml:6:", error);
        Assert.EndsWith("error TRG001: this is nested more than 64 levels deep, more than a playbook, test or event may be", error);
    }

    [Fact]
    public void TestEventDataNestedTooDeeply_IsALoadError()
    {
        var test = $"test: t\nevents:\n  - {{ time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: {Nested(100)} }}\nexpect: []\n";

        var error = Assert.Single(Errors(test, "p.test.yaml"));

        Assert.StartsWith("p.test.yaml:3:", error);
        Assert.Contains("nested more than 64 levels deep", error);
    }

    [Fact]
    public void DataAsDeepAsTheLimitAllows_RunsThroughTheEngine()
    {
        // 64 levels in all: the file's own 4 (rules, rule, do, action) and the webhook's, then the body's 57.
        var test = $"test: t\nevents:\n  - {{ time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme, data: {Nested(58)} }}\n" +
            $"expect:\n  - {{ rule: p/r, action: webhook, body: {Nested(57)} }}\n";
        Scenario.Passes($"playbook: p\nrules:\n  - id: r\n    when: {{ event: ticket.opened }}\n    do:\n      - webhook: {{ target: slack-cs, body: {Nested(57)} }}\n", test);
    }

    [Theory]
    [InlineData('\u2028', "LINE SEPARATOR (U+2028)")]
    [InlineData('\u2029', "PARAGRAPH SEPARATOR (U+2029)")]
    [InlineData('\u0085', "NEXT LINE (U+0085)")]
    public void LineBreakOnlyYamlSees_IsReportedAtTheCharacter(char separator, string name)
    {
        var yaml = $"playbook: p\ndescription: pasted from a web page{separator}second sentence\nrules: []\n";

        var error = Assert.Single(Errors(yaml));

        Assert.Equal($"p.yaml:2:36: error TRG001: a {name} in the text: YAML reads it as the end of a line, though no editor shows one", error);
    }

    [Fact]
    public void ControlCharactersInTheText_AreEachReportedWhereTheyAre()
    {
        var yaml = Playbook("event.data.key", "\u001b[1mcall\u001b[0m") + "\n# saved half way\0";

        var errors = Errors(yaml);

        Assert.Equal(
            [
                "p.yaml:8:24: error TRG001: a control character (U+001B, ESC) in the text: YAML does not allow it, and most editors do not show it",
                "p.yaml:8:32: error TRG001: a control character (U+001B, ESC) in the text: YAML does not allow it, and most editors do not show it",
                "p.yaml:9:17: error TRG001: a control character (U+0000, NUL) in the text: YAML does not allow it, and most editors do not show it",
            ],
            errors);
        var nul = PlaybookLoader.Load([new SourceFile("p.yaml", yaml)]).Diagnostics[^1];
        Assert.Contains("the file is not text or was cut off", nul.Hint);
    }

    [Fact]
    public void ValueRepeatedByAnAlias_IsCheckedWhereTheAliasIs()
    {
        var yaml = """
            playbook: p
            rules:
              - id: a
                when: { event: feature.used }
                do:
                  - task: &call { title: call, due: 2d }
              - id: b
                when: { event: ticket.opened }
                do:
                  - task: *call
                  - email: *call
            """;

        var errors = Errors(yaml);

        // Right as a task (lines 6 and 10), wrong as an email: reported at the alias that puts it there.
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("p.yaml:11:16: error", e));
        Assert.Contains("p.yaml:11:16: error TRG002: unknown key 'title' in email action", errors);
    }

    [Fact]
    public void ExpressionErrorInAnAliasedValue_PointsAtTheAlias_NotPastTheEndOfItsLine()
    {
        var yaml = """
            playbook: p
            rules:
              - id: a
                when: &login { event: user.logged_in, where: event.data.count > "x" + }
                do:
                  - task: { title: hi }
              - id: b
                when: *login
                do:
                  - task: { title: hi }
            """;

        var errors = Errors(yaml);

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("p.yaml:4:74: error TRG100: expected a value after '+'", errors[0]);
        Assert.StartsWith("p.yaml:8:11: error TRG100: expected a value after '+'", errors[1]);
    }

    [Fact]
    public void AliasOfAnAliasedValue_IsCheckedAtTheOuterAlias()
    {
        var yaml = """
            playbook: p
            rules:
              - id: a
                when: { event: feature.used }
                do: &actions
                  - task: &call { title: call }
                  - task: *call
              - id: b
                when: { event: ticket.opened }
                do: *actions
                limit: *call
            """;

        var errors = Errors(yaml);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.StartsWith("p.yaml:11:12: error", e));
    }

    [Fact]
    public void ErrorAtTheEndOfAFileWithNoFinalNewline_IsOnALineTheFileHas()
    {
        // The parser stops past the last line; what is wrong is the '{' left open on it.
        var error = Assert.Single(Errors("playbook: a\nrules: [ { id: r"));

        Assert.Equal("p.yaml:2:10: error TRG001: YAML syntax error: this '{' is never closed: the file ends before its '}'", error);
    }

    [Theory]
    [InlineData("\"vip\" in event.data.tags", "where: '\"vip\" in event.data.tags'")]
    [InlineData("'a' > 3", "where: '''a'' > 3'")]
    public void ExpressionStartingWithAQuote_SaysToQuoteTheWholeValue(string where, string hint)
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook(where))]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:6:14: error TRG001: YAML syntax error: this value starts with quoted text and goes on after the closing quote, which YAML does not allow", error.ToString());
        Assert.Equal($"quote the whole value: {hint}", error.Hint);
    }

    [Theory]
    [InlineData("playbook: p\n:\nrules: []\n", "p.yaml:2:1")]
    [InlineData("description: d\nplaybook: p\n:   onboarding # a stage name lost its key\nrules: []\n", "p.yaml:3:1")]
    public void KeyWithNoName_IsReportedAtItsColon(string yaml, string at)
    {
        // The parser marks a key with no name where its mapping starts (line 1): the ':' is the place to fix.
        var error = Assert.Single(Errors(yaml), e => e.Contains("no name", StringComparison.Ordinal));

        Assert.StartsWith($"{at}: error TRG002: a key with no name in ", error);
    }

    [Fact]
    public void ValueWithACommaInAFlowMapping_IsOneErrorSayingToQuoteIt_NotAnUnclosedBracketAndAnUnknownKey()
    {
        // The language reference's own zone expression, written unquoted in a { } mapping.
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { event: user.invited }
                do: [ { task: { title: t } } ]
                quiet_hours: { from: "20:00", to: "08:00", timezone: coalesce(user.timezone, account.timezone, account.tz) }
            """)]);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:6:82: error TRG002: the value of 'timezone' ends at the ',' before this: inside { } a ',' separates entries, " +
            "so 'account.timezone' reads as a key", error.ToString());
        Assert.Equal("""quote the whole value: timezone: "coalesce(user.timezone, account.timezone, account.tz)" """.TrimEnd(), error.Hint);
    }

    [Theory]
    [InlineData("{ title: \"a, b\", urgent }", "p.yaml:5:36: error TRG002: unknown key 'urgent' in task action")]
    [InlineData("{ title: call them, urgent }", "p.yaml:5:39: error TRG002: unknown key 'urgent' in task action")]
    [InlineData("{ title: call them, Urgent }", "p.yaml:5:39: error TRG002: the value of 'title' ends at the ',' before this")]
    public void KeyWithoutValue_IsAnUnknownKey_UnlessItCanBeNoKeyOrTheValueBeforeLeftABracketOpen(string task, string expected) =>
        Assert.StartsWith(expected, Assert.Single(Errors($$"""
                playbook: p
                rules:
                  - id: r
                    when: { event: user.invited }
                    do: [ { task: {{task}} } ]
                """)), StringComparison.Ordinal);

    [Fact]
    public void HashRightAfterAPlainValue_IsAWarningThatTheRestIsAComment_WithTheValueToQuote()
    {
        var result = PlaybookLoader.Load([new SourceFile("p.yaml", """
            playbook: p
            rules:
              - id: r
                when: { event: ticket.escalated }   # a comment written as one is left alone
                do:
                  - task:
                      title: Escalation #{{ trigger.data.ticket_id }} needs an answer
            """)]);

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal("p.yaml:7:29: warning TRG205: YAML reads '#{{ trigger.data.ticket_id }} needs an answer' as a comment, so this value ends at 'Escalation'",
            warning.ToString());
        Assert.Equal("if the '#' belongs to the value, quote the whole value: \"Escalation #{{ trigger.data.ticket_id }} needs an answer\"", warning.Hint);
    }

    [Fact]
    public void HashInAFlowMapping_HidingItsClosingBrace_IsReportedAtTheHash_NotAsABraceNeverClosed() =>
        Assert.Equal(["p.yaml:6:35: error TRG001: YAML syntax error: a ' #' starts a comment, which hides the rest of this line, the '}' that closes the '{' at column 15 included"],
            Errors("""
                playbook: p
                rules:
                  - id: r
                    when: { event: ticket.escalated }
                    do:
                      - task: { title: Escalation #{{ trigger.data.ticket_id }}, assignee: cs@vendor.test }
                """));
}
