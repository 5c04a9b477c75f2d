namespace Triggers.Core.Tests.Engine;

/// <summary>
/// The JSON of rendered payloads (webhook bodies, email data, emitted data) as a receiver gets it, byte for byte:
/// numbers that parse back to the value the engine held.
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
        // Text is read by people, so 0.1 + 0.2 shows as 0.3 there; JSON is read by programs, which must get the
        // double the engine computed, non-whole ones of 10^15 and more included.
        var result = Scenario.Run(Arithmetic, """
            test: computed numbers
            events:
              - { time: 2026-01-05T10:00:00Z, type: usage.snapshot, accountid: acme, data: { a: 0.1, b: 0.2, big: 10000000000000000, calls: 3000000000000000 } }
            expect: []
            """);

        Assert.Equal("0.3, 3333333333333330, 3E+21", Assert.Single(result.Outcomes, o => o.Action == "task").Title);
        Assert.Equal("""{"sum":0.30000000000000004,"third":3333333333333333.5,"calls":3e+21,"zero":0}""",
            Assert.Single(result.Outcomes, o => o.Action == "webhook").Payload);
    }
}
