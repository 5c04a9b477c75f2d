using System.Text;
using Triggers.Core.Engine;
using Triggers.Core.Loading;

namespace Triggers.Core.Tests.Engine;

/// <summary>Real-world input: malformed events, late events, events out of order.</summary>
public sealed class InputTests
{
    /// <summary>One rule: a task for every ticket, titled with the ticket's number (shared with <see cref="ArrivalTests"/>).</summary>
    internal const string Playbook = """
        playbook: p
        rules:
          - id: ticket
            when: { event: ticket.opened }
            do:
              - task: { title: "ticket {{ trigger.data.n }}" }
        """;

    private static (List<Outcome> Outcomes, SimulationStats Stats) Run(TimeSpan lateness, params string[] lines)
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { AllowedLateness = lateness }, outcomes.Add);
        for (var i = 0; i < lines.Length; i++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(lines[i]), "events.jsonl", i + 1);
        }

        simulator.Finish();
        return (outcomes, simulator.Stats);
    }

    private static string Ticket(int n, string time) =>
        $$$"""{"specversion":"1.0","id":"t{{{n}}}","source":"s","type":"ticket.opened","time":"{{{time}}}","accountid":"acme","data":{"n":{{{n}}}}}""";

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "an event must be a JSON object")]
    [InlineData("""{"id":"x","type":"ticket.opened","time":"2026-01-01T00:00:00Z"}""", "missing required extension attribute 'accountid'")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountid":"a"}""", "missing required attribute 'time'")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountId":"a","time":"2026-01-01T00:00:00Z"}""",
        "missing required extension attribute 'accountid'; the event has 'accountId', which is not read as it: attribute names are lower-case ('accountid')")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountid":"a","time":"yesterday"}""", "'time' is not an RFC 3339 timestamp: yesterday")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountid":"a","time":1767261600}""", "'time' must be a string")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountid":4.2,"time":"2026-01-01T10:30:00Z"}""", "'accountid' must be a non-empty string or a whole number")]
    [InlineData("""{"id":"","type":"ticket.opened","accountid":"a","time":"2026-01-01T10:30:00Z"}""", "'id' must be a non-empty string")]
    [InlineData("""{"id":"x","type":"ticket.opened","accountid":"a","time":"2026-01-01T10:30:00Z"} tail""", "not valid JSON at byte 81 of the line: 't' is invalid after a single JSON value. Expected end of data")]
    [InlineData("""{"type":"ticket.opened","accountid":"a","time":"2026-01-01T00:00:00Z"}""", "missing required attribute 'id'")]
    [InlineData("""{"specversion":"0.3","id":"x","type":"t.x","accountid":"a","time":"2026-01-01T00:00:00Z"}""", "specversion must be \"1.0\"")]
    [InlineData("""{"id":"x","source":"s","type":"t.x","accountid":"a","time":"2026-01-01T10:30:00Z"}""", "missing required attribute 'specversion'")]
    [InlineData("""{"specversion":"1.0","id":"x","type":"t.x","accountid":"a","time":"2026-01-01T10:30:00Z"}""", "missing required attribute 'source'")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"","type":"t.x","accountid":"a","time":"2026-01-01T10:30:00Z"}""", "'source' must be a non-empty string")]
    [InlineData("""{"specversion":"1.0","id":"x","source":{"uri":"crm"},"type":"t.x","accountid":"a","time":"2026-01-01T10:30:00Z"}""", "'source' must be a non-empty string")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"account.updated","accountid":"a","time":"2026-01-01T10:30:00Z","data":[{"plan":"pro"}]}""",
        "'data' must be an object on account.updated (its members are merged into the account's traits), not an array")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"user.updated","userid":"u","accountid":"a","time":"2026-01-01T10:30:00Z","data":"admin"}""",
        "'data' must be an object on user.updated (its members are merged into the user's traits), not a string")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"account.updated","accountid":"a","time":"2026-01-01T10:30:00Z","data":42}""",
        "'data' must be an object on account.updated (its members are merged into the account's traits), not a number")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"user.updated","accountid":"a","time":"2026-01-01T10:30:00Z","data":{"role":"admin"}}""",
        "missing 'userid' on user.updated (its data is merged into that user's traits)")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"user.updated","userid":4e1,"accountid":"a","time":"2026-01-01T10:30:00Z","data":{"role":"admin"}}""",
        "'userid' must be the user's id as text or a whole number, not a number")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","userid":true,"accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'userid' must be the user's id as text or a whole number, not true or false")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","userid":"  ","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'userid' is blank: it must name the user")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","userid":"u1 ","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'userid' begins or ends with white space ('u1 '): ids are compared exactly, so it would name a user of its own")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":" acme","time":"2026-01-01T10:30:00Z"}""",
        "'accountid' begins or ends with white space (' acme'): ids are compared exactly, so it would name an account of its own")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"\u0009acme","time":"2026-01-01T10:30:00Z"}""",
        "'accountid' begins or ends with white space")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"acme\u0020","time":"2026-01-01T10:30:00Z"}""",
        "'accountid' begins or ends with white space ('acme ')")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"acme\t","time":"2026-01-01T10:30:00Z"}""",
        "'accountid' begins or ends with white space")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","userid":"u2\n","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'userid' begins or ends with white space")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"acme ","time":"2026-01-01T10:30:00Z"}""",
        "'accountid' begins or ends with white space")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":" ticket.opened","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'type' begins or ends with white space (' ticket.opened'): types are compared exactly, so no playbook would hear it")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened\t","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'type' begins or ends with white space")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t.x\",\"accountid\":\"a\",\"time\":\"2026-01-01T10:30:00Z\"}\r{\"id\":\"y\"}",
        "not valid JSON at byte 104 of the line: '{' is invalid after a single JSON value. Expected end of data; the line holds a carriage return (CR) at byte 103")]
    [InlineData("""{"specversion":"1.0","id":"  ","source":"s","type":"ticket.opened","accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'id' is blank: an event needs an id that tells it from others")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"a","time":"0001-01-01T00:00:00+01:00"}""",
        "'time' is not a moment that can be kept: 0001-01-01T00:00:00+01:00 (it must fall in the years 1 to 9999 once read in UTC")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"a","time":"2026-01-06T09:00:00+14:01"}""",
        "'time' has an offset beyond ±14:00, which no time zone has: 2026-01-06T09:00:00+14:01")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"a","time":"2026-02-30T09:00:00Z"}""",
        "'time' is not an RFC 3339 timestamp: 2026-02-30T09:00:00Z")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","subject":7,"accountid":"a","time":"2026-01-01T10:30:00Z"}""",
        "'subject' must be a string, not a number")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"ticket.opened","accountid":"a","time":"2026-01-01"}""",
        "'time' is a date without a time of day: 2026-01-01; an event time needs one, such as 2026-01-01T00:00:00Z")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"user.updated","userid":"","accountid":"a","time":"2026-01-01T10:30:00Z","data":{"role":"admin"}}""",
        "missing 'userid' on user.updated")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"t.x","accountid":"a","time":"2026-01-01T10:30:00Z","id":"y"}""",
        "attribute 'id' is given twice; an event names each attribute once")]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"t.x","accountid":"a","\u0061ccountid":"b","time":"2026-01-01T10:30:00Z"}""",
        "attribute 'accountid' is given twice")]
    public void MalformedEvent_IsRejectedWithAReason_AndTheRunGoesOn(string bad, string reason)
    {
        var (outcomes, stats) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01T10:00:00Z"), bad, Ticket(2, "2026-01-01T11:00:00Z"));

        var rejected = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Rejected);
        Assert.StartsWith(reason, rejected.Reason);
        Assert.False(rejected.Reason!.EndsWith('.'), "the table writes ': file:line' after the reason"); // not "data.: events.jsonl:2"
        Assert.Equal("events.jsonl:2", rejected.Because);
        Assert.Equal(2, outcomes.Count(o => o.Kind == OutcomeKind.Action));
        Assert.Equal(1, stats.Rejected);
    }

    [Theory]
    [InlineData("""[1,"two"]""")]
    [InlineData("\"a note\"")]
    [InlineData("null")]
    public void DataThatIsNotAnObject_OnAnEventWhoseDataIsNotTraits_IsTakenAsCloudEventsAllows(string data)
    {
        var (outcomes, stats) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01T10:00:00Z").Replace("{\"n\":1}", data, StringComparison.Ordinal));

        Assert.Equal((1, 0), (stats.Processed, stats.Rejected));
        Assert.Equal(OutcomeKind.Action, Assert.Single(outcomes).Kind);
    }

    [Fact]
    public void EventTime_WithALowerCaseTAndZ_IsTakenAsRfc3339Allows()
    {
        var (outcomes, stats) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01t10:00:00z"), Ticket(2, "2026-01-01t10:30:00.5z"), Ticket(3, "2026-01-01t12:00:00+01:00"));

        Assert.Equal(0, stats.Rejected);
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 10, 30, 0, 500, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero)],
            outcomes.Select(o => o.Time));
    }

    [Fact]
    public void EventTime_WithASpaceForTheT_IsTakenAsRfc3339Allows()
    {
        var (outcomes, stats) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01 10:00:00Z"), Ticket(2, "2026-01-01 10:30:00.5+01:00"), Ticket(3, "2026-01-01 11:00:00z"));

        Assert.Equal(0, stats.Rejected);
        Assert.Equal(
            [new DateTimeOffset(2026, 1, 1, 9, 30, 0, 500, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 11, 0, 0, TimeSpan.Zero)],
            outcomes.Select(o => o.Time));
    }

    [Fact]
    public void EventNestedMoreThan64Deep_IsRejectedInOurWords()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 70)) + "1" + new string('}', 70);
        var (outcomes, _) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01T10:00:00Z").Replace("{\"n\":1}", deep, StringComparison.Ordinal));

        var rejected = Assert.Single(outcomes);
        Assert.Matches(@"^nested more than 64 levels deep at byte \d+ of the line, more than an event may be: flatten its data$", rejected.Reason);
    }

    [Fact]
    public void TestFileTimes_WithALowerCaseTAndZ_AreReadAsRfc3339Allows()
    {
        Scenario.Passes(Playbook, """
            test: lower-case t and z everywhere a test takes a time
            events:
              - { time: 2026-01-05t10:00:00z, type: ticket.opened, accountid: acme, data: { n: 1 } }
            run_until: 2026-01-06t00:00:00z
            expect:
              - { time: 2026-01-05t10:00:00z, rule: p/ticket, action: task, title: ticket 1 }
            expect_only: true
            """);
    }

    [Fact]
    public void NullData_OnAnAccountUpdate_IsNoDataAndTaken()
    {
        var (_, stats) = Run(TimeSpan.Zero,
            """{"specversion":"1.0","id":"u1","source":"crm","type":"account.updated","time":"2026-01-01T10:00:00Z","accountid":"acme","data":null}""");

        Assert.Equal((1, 0), (stats.Processed, stats.Rejected));
    }

    [Theory]
    [InlineData("type", "ticket.op\\xffened", 62)]
    [InlineData("accountid", "ac\\xfe\\xffme", 113)]
    [InlineData("id", "t\\xc3", 29)]
    [InlineData("data", "{\"n\":\"caf\\xe9\"}", 133)]
    [InlineData("data", "{\"pl\\xffan\":\"team\"}", 128)]
    public void EventWithBytesThatAreNotUtf8_IsRejectedWithWhereTheyAre_AndTheRunGoesOn(string attribute, string value, int at)
    {
        // A file from a system that wrote Latin-1, or a line cut in the middle of a character.
        var line = Ticket(7, "2026-01-01T10:30:00Z")
            .Replace(attribute switch
            {
                "type" => "\"type\":\"ticket.opened\"",
                "accountid" => "\"accountid\":\"acme\"",
                "id" => "\"id\":\"t7\"",
                _ => "\"data\":{\"n\":7}",
            }, $"\"{attribute}\":" + (attribute == "data" ? value : $"\"{value}\""), StringComparison.Ordinal);
        var bytes = Latin1Escapes(line);
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);

        simulator.Add(Encoding.UTF8.GetBytes(Ticket(1, "2026-01-01T10:00:00Z")), "events.jsonl", 1);
        simulator.Add(bytes, "events.jsonl", 2);
        simulator.Add(Encoding.UTF8.GetBytes(Ticket(2, "2026-01-01T11:00:00Z")), "events.jsonl", 3);
        simulator.Finish();

        var rejected = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Rejected);
        Assert.Equal($"not valid UTF-8 at byte {at} of the line", rejected.Reason);
        Assert.Equal("events.jsonl:2", rejected.Because);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), rejected.Time); // its own time: the rest of the line reads
        Assert.Equal(["ticket 1", "ticket 2"], outcomes.Where(o => o.Kind == OutcomeKind.Action).Select(o => o.Title));
    }

    [Theory]
    [InlineData("""{"n":1,"note":"te\uD800am"}""", 141)]
    [InlineData("""{"n":1,"no\uDC00te":1}""", 134)]
    [InlineData("""{"n":1,"note":"\uD83D\u0041"}""", 139)]
    [InlineData("""{"n":1,"note":"ends with \uD83D"}""", 149)]
    public void EventWithAnEscapedHalfSurrogate_IsRejectedWithWhereItIs_AndTheRunGoesOn(string data, int at)
    {
        // Valid JSON syntax that stands for no text: decoding it would throw in the middle of the replay.
        var (outcomes, stats) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01T10:00:00Z"),
            Ticket(7, "2026-01-01T10:30:00Z").Replace("\"data\":{\"n\":7}", $"\"data\":{data}", StringComparison.Ordinal), Ticket(2, "2026-01-01T11:00:00Z"));

        var rejected = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Rejected);
        Assert.Matches($@"^not valid JSON at byte {at} of the line: \\u[0-9A-F]{{4}} is half of a UTF-16 surrogate pair without its other half$", rejected.Reason);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), rejected.Time);
        Assert.Equal(1, stats.Rejected);
    }

    [Theory]
    [InlineData("""{"n":1,"note":"rocket \uD83D\uDE80"}""", "rocket \U0001F680")]
    [InlineData("""{"n":1,"note":"a backslash then uD800: \\uD800"}""", "a backslash then uD800: \\uD800")]
    public void EventWithWholeSurrogatePairsOrEscapedBackslashes_IsTakenAsItIs(string data, string note)
    {
        const string Noted = """
            playbook: p
            rules:
              - id: ticket
                when: { event: ticket.opened }
                do:
                  - task: { title: "{{ trigger.data.note }}" }
            """;
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Noted)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);
        simulator.Add(Encoding.UTF8.GetBytes(Ticket(7, "2026-01-01T10:30:00Z").Replace("\"data\":{\"n\":7}", $"\"data\":{data}", StringComparison.Ordinal)), "events.jsonl", 1);
        simulator.Finish();

        Assert.Equal(note, Assert.Single(outcomes).Title);
    }

    /// <summary>The line's bytes, with each <c>\xNN</c> written in it turned into that one byte.</summary>
    private static byte[] Latin1Escapes(string line)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 3 < line.Length && line[i + 1] == 'x')
            {
                bytes.Add(Convert.ToByte(line.Substring(i + 2, 2), 16));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(line[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [Fact]
    public void EventLongerThan64KiB_IsReplayedLikeAnyOther_InIdOrderAtEqualTimes_AndOnceWhenRepeated()
    {
        // A support event carrying a whole chat transcript: its data, and the account after it, lie past 64 KiB into the line.
        var transcript = new string('x', 70_000);
        string Long(int n, string id) =>
            $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"s","type":"ticket.opened","time":"2026-01-01T10:00:00Z","data":{"transcript":"{{{transcript}}}","n":{{{n}}}},"accountid":"acme"}""";

        var (outcomes, stats) = Run(TimeSpan.Zero, Long(2, "t-b"), Ticket(3, "2026-01-01T10:00:00Z"), Long(1, "t-a"), Long(2, "t-b"));

        Assert.Equal(["ticket 1", "ticket 2", "ticket 3"], outcomes.Where(o => o.Kind == OutcomeKind.Action).Select(o => o.Title));
        Assert.Equal(["t-a", "t-b", "t3"], outcomes.Where(o => o.Kind == OutcomeKind.Action).Select(o => o.TriggerEventId));
        Assert.Equal(["acme"], outcomes.Select(o => o.AccountId).Distinct());
        Assert.Equal((1, 0), (stats.Duplicates, stats.Rejected));
    }

    [Fact]
    public void AccountWhoseHistoryOutgrowsWhatAReplayCopies_IsReplayedFromWhereItsEventsLie()
    {
        // 34 tickets of 2 MB each (attachments inlined) for one account: more than a replay copies side by side at once,
        // arriving out of order within the lateness, with another account's tickets in between.
        var attachment = new string('a', 2 << 20);
        string Large(int n, string time) =>
            $$$"""{"specversion":"1.0","id":"t{{{n:D2}}}","source":"s","type":"ticket.opened","time":"{{{time}}}","accountid":"acme","data":{"n":{{{n}}},"attachment":"{{{attachment}}}"}}""";

        var lines = Enumerable.Range(1, 34).Reverse()
            .SelectMany(n => new[] { Large(n, $"2026-01-01T10:{n:D2}:00Z"), Ticket(100 + n, $"2026-01-01T10:{n:D2}:30Z").Replace("acme", "other", StringComparison.Ordinal) })
            .ToArray();
        Assert.True(34L * attachment.Length > 64 << 20);

        var (outcomes, stats) = Run(TimeSpan.FromHours(1), lines);

        Assert.Equal(Enumerable.Range(1, 34).Select(n => $"ticket {n}"), outcomes.Where(o => o.AccountId == "acme").Select(o => o.Title));
        Assert.Equal(Enumerable.Range(101, 34).Select(n => $"ticket {n}"), outcomes.Where(o => o.AccountId == "other").Select(o => o.Title));
        Assert.Equal((68, 0, 0), (stats.Processed, stats.Late, stats.Rejected));
    }

    [Fact]
    public void Finish_NamesEachOfItsPartsAsItStarts_OneCopyAndReplayPerBatch()
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var phases = new List<string>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), _ => { }) { PhaseStarting = phases.Add };
        // 5,000 accounts of two tickets each: more events than one batch holds.
        for (var n = 0; n < 10_000; n++)
        {
            simulator.Add(Encoding.UTF8.GetBytes(Ticket(n, "2026-01-01T10:00:00Z").Replace("acme", $"a{n % 5000}", StringComparison.Ordinal)), "events.jsonl");
        }

        simulator.Finish();

        Assert.Equal(["grouping", "copying", "replaying", "copying", "replaying", "copying", "replaying"], phases);
        Assert.Equal(10_000, simulator.Stats.Processed);
    }

    [Fact]
    public void RejectionId_IsTheSameWhateverPathTheFileWasGivenBy_AndDiffersByLine()
    {
        string Id(string source, long line)
        {
            var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
            var outcomes = new List<Outcome>();
            var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);
            simulator.Add("{broken"u8, source, line);
            simulator.Finish();
            return Assert.Single(outcomes).Id;
        }

        Assert.Equal(Id("events.jsonl", 3), Id("/data/exports/events.jsonl", 3));
        Assert.Equal(Id("events.jsonl", 3), Id("./events.jsonl", 3));
        Assert.NotEqual(Id("events.jsonl", 3), Id("events.jsonl", 4));
    }

    [Fact]
    public void MalformedEvent_WithAReadableTime_IsReportedAtThatTime_OtherwiseAtTheNewestTimeSoFar()
    {
        var noAccount = """{"specversion":"1.0","id":"x","type":"ticket.opened","time":"2026-01-01T10:30:00+02:00"}""";

        var (outcomes, _) = Run(TimeSpan.Zero, "{not json", Ticket(1, "2026-01-01T10:00:00Z"), noAccount, "{not json");

        // The first line has no time and none is known yet: it takes the first event's.
        Assert.DoesNotContain(outcomes, o => o.TimeUnknown);
        var rejected = outcomes.Where(o => o.Kind == OutcomeKind.Rejected).Select(o => (o.Because, o.Time)).ToList();
        Assert.Equal(
            [("events.jsonl:1", new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero)), ("events.jsonl:3", new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero)),
             ("events.jsonl:4", new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero))],
            rejected);
    }

    [Fact]
    public void EventThatStopsBeingJsonAfterItsTime_IsReportedAtThatTime()
    {
        var broken = """{"specversion":"1.0","id":"x","type":"ticket.opened","time":"2026-01-01T10:30:00Z","accountid":"acme","data":{"n":}}""";
        var deep = """{"id":"y","time":"2026-01-01T10:45:00Z","type":"t.x","accountid":"acme","data":""" + new string('[', 100) + new string(']', 100) + "}";

        var (outcomes, _) = Run(TimeSpan.FromHours(1), Ticket(1, "2026-01-01T11:00:00Z"), broken, deep);

        Assert.Equal(
            [("events.jsonl:2", new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero)), ("events.jsonl:3", new DateTimeOffset(2026, 1, 1, 10, 45, 0, TimeSpan.Zero))],
            outcomes.Where(o => o.Kind == OutcomeKind.Rejected).Select(o => (o.Because, o.Time)));
    }

    [Fact]
    public void MalformedEvents_Only_AreStillAllReported_WithNoTime_PlacedFirstWhenNoLineHasOne()
    {
        var (outcomes, stats) = Run(TimeSpan.Zero, "{not json", "[1]");

        Assert.Equal(["events.jsonl:1", "events.jsonl:2"], outcomes.Where(o => o.Kind == OutcomeKind.Rejected).Select(o => o.Because));
        Assert.All(outcomes, o => Assert.Equal((DateTimeOffset.MinValue, true), (o.Time, o.TimeUnknown)));
        Assert.Equal(2, stats.Rejected);
    }

    [Fact]
    public void MalformedEvents_Only_EachAtItsOwnTime_ThoseWithoutOneAtTheNewestTimeReadBeforeThem()
    {
        // Every line rejected: the times their lines hold still place them, rather than all at 0001-01-01.
        var (outcomes, _) = Run(TimeSpan.Zero,
            "{not json",
            """{"specversion":"0.3","id":"a","source":"s","type":"t.x","time":"2026-01-01T10:00:00Z","accountid":"acme"}""",
            "{not json",
            """{"specversion":"1.0","id":"b","type":"t.x","time":"2026-01-01T09:00:00Z","accountid":"acme"}""",
            "{not json");

        Assert.Equal(
            [("events.jsonl:1", 10), ("events.jsonl:2", 10), ("events.jsonl:3", 10), ("events.jsonl:4", 9), ("events.jsonl:5", 10)],
            outcomes.Select(o => (o.Because!, o.Time.Hour)).OrderBy(r => r.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public void MalformedEvent_WithoutATime_AfterOnlyEventsPastUntil_IsReportedAtTheNewestOfThem()
    {
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions { Until = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) }, outcomes.Add);
        simulator.Add(Encoding.UTF8.GetBytes("{not json"), "events.jsonl", 1);
        simulator.Add(Encoding.UTF8.GetBytes(Ticket(1, "2026-01-02T10:00:00Z")), "events.jsonl", 2);
        simulator.Finish();

        Assert.Equal(new DateTimeOffset(2026, 1, 2, 10, 0, 0, TimeSpan.Zero), Assert.Single(outcomes).Time);
    }

    [Theory]
    [InlineData("""{"specversion":"0.3","id":"x","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z","accountid":"acme"}""", "acme")]
    [InlineData("""{"specversion":"1.0","id":"x","type":"t.x","time":"2026-01-01T10:30:00Z","accountid":"\u0061cme"}""", "acme")]
    [InlineData("""{"specversion":"1.0","id":"x","accountid":"acme","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z","data":{"n":}}""", "acme")]
    [InlineData("""{"specversion":"1.0","id":"x","accountid":"acme","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z","data":{"n":"\uD800"}}""", "acme")]
    [InlineData("""{"specversion":"1.0","id":"x","accountid":"ac\uD800me","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z"}""", null)]
    [InlineData("""{"specversion":"1.0","id":"x","accountid":"","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z"}""", null)]
    [InlineData("""{"specversion":"1.0","id":"x","accountid":["acme"],"source":"s","type":"t.x","time":"2026-01-01T10:30:00Z"}""", null)]
    [InlineData("""{"specversion":"1.0","id":"x","source":"s","type":"t.x","time":"2026-01-01T10:30:00Z"}""", null)]
    public void MalformedEvent_WithAReadableAccount_IsRejectedUnderThatAccount(string bad, string? account)
    {
        var (outcomes, _) = Run(TimeSpan.Zero, Ticket(1, "2026-01-01T10:00:00Z"), bad);

        var rejected = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Rejected);
        Assert.Equal(account, rejected.AccountId);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 10, 30, 0, TimeSpan.Zero), rejected.Time);
    }

    [Fact]
    public void MalformedEvent_WithBytesThatAreNotUtf8_IsRejectedUnderItsAccountOnlyWhenTheAccountDecodes()
    {
        var good = Encoding.UTF8.GetBytes(Ticket(7, "2026-01-01T10:30:00Z").Replace("{\"n\":7}", "{\"n\":\"caf?\"}", StringComparison.Ordinal));
        good[Array.IndexOf(good, (byte)'?')] = 0xE9;
        var bad = Encoding.UTF8.GetBytes(Ticket(8, "2026-01-01T10:30:00Z").Replace("acme", "ac?me", StringComparison.Ordinal));
        bad[Array.IndexOf(bad, (byte)'?')] = 0xFF;
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var outcomes = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), outcomes.Add);

        simulator.Add(good, "events.jsonl", 1);
        simulator.Add(bad, "events.jsonl", 2);
        simulator.Finish();

        Assert.Equal(["acme", null], outcomes.Select(o => o.AccountId));
    }

    [Fact]
    public async Task EnvelopesReadAhead_OnAnotherThread_GiveTheSameOutcomesAsAddingTheLines()
    {
        string[] lines = [Ticket(1, "2026-01-01T10:00:00Z"), "{not json", Ticket(2, "2026-01-01T12:00:00Z"), Ticket(3, "2026-01-01T09:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z")];
        var set = PlaybookLoader.Load([new SourceFile("p.yaml", Playbook)]).Set;
        var readAhead = new List<Outcome>();
        var simulator = new Simulator(new CompiledPlaybooks(set), new SimulationOptions(), readAhead.Add);
        var bytes = lines.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l)).ToList();
        var envelopes = await Task.Run(() => bytes.Select(b => EventParser.ReadAhead(b.Span)).ToList());

        for (var i = 0; i < lines.Length; i++)
        {
            simulator.AddShared(bytes[i], envelopes[i], "events.jsonl", i + 1);
        }

        simulator.Finish();
        var (added, _) = Run(TimeSpan.Zero, lines);

        static string Show(Outcome o) => $"{o.Kind} {o.Id} {o.Title} {o.Reason}";
        Assert.Equal(added.Select(Show), readAhead.Select(Show));
        Assert.Equal([OutcomeKind.Rejected, OutcomeKind.Late, OutcomeKind.Action, OutcomeKind.Action], readAhead.Select(o => o.Kind));
        Assert.Equal((1, 1, 1), (simulator.Stats.Rejected, simulator.Stats.Late, simulator.Stats.Duplicates));
    }

    [Fact]
    public void AccountId_WrittenWithAnEscape_IsTheSameAccount()
    {
        // The same duplicate id twice: one account, so the second is a duplicate whatever way its account is spelled.
        var plain = Ticket(1, "2026-01-01T10:00:00Z");
        var escaped = plain.Replace("\"accountid\":\"acme\"", "\"accountid\":\"\\u0061cme\"", StringComparison.Ordinal);

        var (outcomes, stats) = Run(TimeSpan.Zero, plain, escaped);

        Assert.Equal(1, stats.Duplicates);
        Assert.Equal("acme", Assert.Single(outcomes, o => o.Kind == OutcomeKind.Action).AccountId);
    }

    [Fact]
    public void LateEvent_BeyondTheAllowedLateness_IsReportedNotEvaluated()
    {
        var (outcomes, stats) = Run(TimeSpan.FromMinutes(30),
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z"), Ticket(3, "2026-01-01T11:20:00Z"));

        var late = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Late);
        Assert.Equal("t3", late.TriggerEventId);
        Assert.Equal("arrived 40m behind the newest event of its account; allowed lateness is 30m", late.Reason);
        Assert.Equal("events.jsonl:3", late.Because); // where to find it, as a rejection says
        Assert.Equal(["ticket 1", "ticket 2"], outcomes.Where(o => o.Kind == OutcomeKind.Action).Select(o => o.Title));
        Assert.Equal(1, stats.Late);
    }

    [Fact]
    public void OutOfOrderEvent_WithinTheAllowedLateness_IsProcessedInTimeOrder()
    {
        var (outcomes, _) = Run(TimeSpan.FromHours(1),
            Ticket(1, "2026-01-01T10:00:00Z"), Ticket(2, "2026-01-01T12:00:00Z"), Ticket(3, "2026-01-01T11:20:00Z"));

        Assert.Equal(["ticket 1", "ticket 3", "ticket 2"], outcomes.Select(o => o.Title));
    }
}
