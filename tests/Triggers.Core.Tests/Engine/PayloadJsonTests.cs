namespace Triggers.Core.Tests.Engine;

/// <summary>
/// The JSON of rendered payloads (webhook bodies, email data, emitted data) as a receiver gets it, byte for byte:
/// numbers that parse back to the value the engine held, ids as the event gave them, text in readable UTF-8.
/// </summary>
public sealed class PayloadJsonTests
{
    private const string Copy = """
        playbook: copy
        rules:
          - id: snapshot
            when: { event: usage.snapshot }
            do:
              - webhook: { target: slack-cs, body: { n: "{{ event.data.n }}" } }
              - email: { to: cs@vendor.test, template: usage, data: { n: "{{ event.data.n }}" } }
              - emit: { type: alert.raised, data: { n: "{{ event.data.n }}" } }
        """;

    [Theory]
    [InlineData("5", "5")]
    [InlineData("-0.0", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")] // below 10^-6 with an exponent, as JSON.stringify writes it
    [InlineData("1234567.125", "1234567.125")]
    [InlineData("1e15", "1000000000000000")] // was 1E+15
    [InlineData("1.2345678901234568e17", "123456789012345680")] // was 1.2345678901234568E+17
    [InlineData("123456789012345678", "123456789012345678")] // not a double (that is ...680): kept as the event wrote it
    [InlineData("100000000000000000000", "100000000000000000000")] // was 1E+20
    [InlineData("999999999999999900000", "999999999999999900000")] // the largest whole numbers written plainly
    [InlineData("1e21", "1e+21")]
    [InlineData("-2.5e-300", "-2.5e-300")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    public void Number_FromEventData_IsWrittenInTheShortestFormThatReadsBackAsItsValue(string given, string written)
    {
        var result = Scenario.Run(Copy, $$"""
            test: a number copied from the event
            events:
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { n: {{given}} } }
            expect: []
            """);

        var payloads = result.Outcomes.Where(o => o.Action is not null).Select(o => o.Payload).ToList();
        Assert.Equal(["{\"n\":" + written + "}", "{\"n\":" + written + "}", "{\"n\":" + written + "}"], payloads);
        Assert.Equal(double.Parse(given, System.Globalization.CultureInfo.InvariantCulture), double.Parse(written, System.Globalization.CultureInfo.InvariantCulture));
    }

    private const string Ids = """
        playbook: crm
        rules:
          - id: sync
            when: { event: usage.snapshot }
            do:
              - task: { title: "order {{ event.data.order.id }} for {{ account.crm_id }}" }
              - webhook: { target: slack-cs, body: { order: "{{ event.data.order }}", crm: "{{ account.crm_id }}", fixed: 12345678901234567891 } }
        """;

    [Fact]
    public void Number_TooLongForADouble_IsCopiedAsTheEventWroteIt_IntoPayloadsAndText()
    {
        // A 19-digit id is no double: read as one it would be 12345678901234567168, and receivers that read ids as
        // integers would look up another order. The value copied, whole or inside an object, keeps the event's digits.
        var result = Scenario.Run(Ids, """
            test: ids beyond 2^53
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { crm_id: 9007199254740993 } }
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme,
                  data: { order: { id: 12345678901234567890, total: 1234567890123456.7, lines: [18446744073709551615, 2] } } }
            expect: []
            """);

        var task = Assert.Single(result.Outcomes, o => o.Action == "task");
        Assert.Equal("order 12345678901234567890 for 9007199254740993", task.Title);
        var webhook = Assert.Single(result.Outcomes, o => o.Action == "webhook");
        Assert.Equal(
            """{"order":{"id":12345678901234567890,"total":1234567890123456.7,"lines":[18446744073709551615,2]},"crm":9007199254740993,"fixed":12345678901234567891}""",
            webhook.Payload);
    }

    [Fact]
    public void Number_TooLongForADouble_ChangedToAnotherWithTheSameDouble_IsTheNewOne()
    {
        // 9007199254740992 and 9007199254740993 are one double: the trait must still take the new id.
        var result = Scenario.Run(Ids, """
            test: a trait changed to a neighbouring id
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { crm_id: 9007199254740992 } }
              - { time: 2026-01-05T09:30:00Z, type: account.updated, accountid: acme, data: { crm_id: 9007199254740993 } }
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { order: { id: 1 } } }
            expect: []
            """);

        Assert.Equal("order 1 for 9007199254740993", Assert.Single(result.Outcomes, o => o.Action == "task").Title);
    }

    [Theory]
    [InlineData("9007199254740993", true)]
    [InlineData("9007199254740992", false)] // the same double, another id: a playbook test tells them apart
    public void Number_TooLongForADouble_InATestsExpectedBody_IsComparedDigitForDigit(string expected, bool passes)
    {
        var result = Scenario.Run(Ids, $$"""
            test: the id sent to the CRM
            events:
              - { time: 2026-01-05T09:00:00Z, type: account.updated, accountid: acme, data: { crm_id: 9007199254740993 } }
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { order: { id: 1 } } }
            expect:
              - { rule: crm/sync, action: webhook, body: { crm: {{expected}} } }
            """);

        Assert.Equal(passes, result.Passed);
    }

    private const string Arithmetic = """
        playbook: usage
        rules:
          - id: rate
            when: { event: usage.snapshot }
            do:
              - task: { title: "{{ event.data.a + event.data.b }}, {{ event.data.big / 3 }}, {{ event.data.calls * 1000000 }}" }
              - webhook: { target: slack-cs, body: { sum: "{{ event.data.a + event.data.b }}", third: "{{ event.data.big / 3 }}",
                                                     calls: "{{ event.data.calls * 1000000 }}", zero: "{{ 0 * -1 }}" } }
        """;

    [Fact]
    public void Number_Computed_IsTheExactDoubleInJson_AndRoundedToFifteenDigitsInText()
    {
        // Text is read by people, so 0.1 + 0.2 shows as 0.3 there (but from 10^15 up with the digits that keep the
        // whole part); JSON is read by programs, which must get the double the engine computed, non-whole ones of
        // 10^15 and more included.
        var result = Scenario.Run(Arithmetic, """
            test: computed numbers
            events:
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { a: 0.1, b: 0.2, big: 10000000000000000, calls: 3000000000000000 } }
            expect: []
            """);

        Assert.Equal("0.3, 3333333333333333.5, 3E+21", Assert.Single(result.Outcomes, o => o.Action == "task").Title);
        Assert.Equal("""{"sum":0.30000000000000004,"third":3333333333333333.5,"calls":3e+21,"zero":0}""",
            Assert.Single(result.Outcomes, o => o.Action == "webhook").Payload);
    }

    private const string Greeting = """
        playbook: greet
        rules:
          - id: hello
            when: { event: user.invited }
            do:
              - webhook: { target: slack-cs, body: { name: "{{ user.name }}", "città": "{{ event.data.city }}", note: "{{ event.data.note }}" } }
              - email: { to: "{{ event.data.email }}", template: hello, data: { name: "{{ user.name }}", "città": "{{ event.data.city }}", note: "{{ event.data.note }}" } }
              - emit: { type: alert.raised, data: { name: "{{ user.name }}", "città": "{{ event.data.city }}", note: "{{ event.data.note }}" } }
              - task: { title: "{{ event.data }}" }
        """;

    [Fact]
    public void Text_OutsideAscii_IsWrittenAsUtf8_EscapingOnlyWhatJsonNeedsAndLineBreakers()
    {
        var result = Scenario.Run(Greeting, """
            test: names and cities from everywhere
            events:
              - { time: 2026-01-05T09:00:00Z, type: user.updated, accountid: acme, userid: u1, data: { name: Zoë Müller } }
              - { time: 2026-01-05T10:00:00Z, type: user.invited, accountid: acme, userid: u1,
                  data: { email: zoe@acme.test, city: 東京, note: "<b>\"R&D\"</b> \\ 👍\tend\u2028\u0085" } }
            expect: []
            """);

        const string Expected = """{"name":"Zoë Müller","città":"東京","note":"<b>\"R&D\"</b> \\ 👍\tend\u2028\u0085"}""";
        Assert.Equal([Expected, Expected, Expected], result.Outcomes.Where(o => o.Action is "webhook" or "email" or "emit").Select(o => o.Payload));
        // An object rendered into text is JSON written the same way.
        Assert.Equal("""{"email":"zoe@acme.test","city":"東京","note":"<b>\"R&D\"</b> \\ 👍\tend\u2028\u0085"}""",
            Assert.Single(result.Outcomes, o => o.Action == "task").Title);
    }
}
