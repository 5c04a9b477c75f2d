using Triggers.Core.Tests.Engine;

namespace Triggers.Core.Tests.Expressions;

/// <summary>How values read once rendered into actions, through playbooks and events as CS ops write them.</summary>
public class TemplateRenderingTests
{
    private const string Waited = """
        playbook: waited
        rules:
          - id: answer
            when: { event: ticket.responded }
            do:
              - task: { title: "answered after {{ event.time - date(event.data.opened) }}" }
              - webhook: { target: slack-cs, body: { waited: "{{ event.time - date(event.data.opened) }}", late: "{{ event.time - date(event.data.opened) > 1d }}" } }
              - emit: { type: alert.raised, data: { waited: "{{ event.time - date(event.data.opened) }}" } }
        """;

    [Theory]
    [InlineData("2026-01-05T09:59:58.5Z", "1.5s", "1.5s")]
    [InlineData("2026-01-04T09:59:59.75Z", "1d 0.25s", "86400.25s")]
    [InlineData("2026-01-05T09:59:59.0004Z", "1s", "1s")] // 0.9996s, rounded to the millisecond in both
    [InlineData("2026-01-05T10:00:00.5Z", "-0.5s", "-0.5s")]
    [InlineData("2026-01-05T09:59:59.9999975Z", "2.5µs", "2.5µs")]
    [InlineData("2026-01-02T10:00:00Z", "3d", "3d")]
    public void Duration_WithFractionOfASecond_KeepsItInTextAndInJson(string opened, string text, string json)
    {
        Scenario.Passes(Waited, $$"""
            test: a response time with milliseconds
            events:
              - { time: 2026-01-05T10:00:00Z, type: ticket.responded, accountid: acme, data: { opened: "{{opened}}" } }
            expect:
              - { rule: waited/answer, action: task, title: "answered after {{text}}" }
              - { rule: waited/answer, action: webhook, body: { waited: "{{json}}" } }
              - { rule: waited/answer, action: emit, data: { waited: "{{json}}" } }
            expect_only: true
            """);
    }

    private const string Usage = """
        playbook: usage
        rules:
          - id: rate
            when: { event: usage.snapshot }
            do:
              - task: { title: "rate {{ event.data.errors / event.data.calls }}, calls {{ event.data.calls * 1000000 }}" }
        """;

    [Theory]
    [InlineData("1", "100000", "rate 0.00001, calls 100000000000")]
    [InlineData("3", "7", "rate 0.428571428571429, calls 7000000")]
    [InlineData("1", "3000000000", "rate 0.000000000333333333333333, calls 3000000000000000")]
    [InlineData("1", "3000000000000000", "rate 3.33333333333333E-16, calls 3E+21")]
    [InlineData("10000000000000000", "3", "rate 3333333333333333.5, calls 3000000")] // from 10^15 up, 15 digits would change the whole part
    [InlineData("2469135780246913", "2", "rate 1234567890123456.5, calls 2000000")]
    public void Number_SmallOrLarge_RendersWithoutExponentWhereDocumented(string errors, string calls, string title)
    {
        Scenario.Passes(Usage, $$"""
            test: an error rate in a task title
            events:
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { errors: {{errors}}, calls: {{calls}} } }
            expect:
              - { rule: usage/rate, action: task, title: "{{title}}" }
            expect_only: true
            """);
    }
}
