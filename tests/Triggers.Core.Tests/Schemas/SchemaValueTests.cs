using System.Text.Json;
using System.Text.RegularExpressions;
using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Schemas;

/// <summary>
/// The schemas' value patterns and the loader agree on every spelling here: an editor that underlines a value the
/// loader takes (a date alone in a test, <c>offset: +30d</c>, a journey naming a milestone without its playbook) sends
/// CS ops chasing an error that is not there, and one that passes what the loader refuses hides a real one until
/// <c>triggers validate</c>. Each spelling is loaded for real and matched against the schema's own pattern.
/// </summary>
public sealed class SchemaValueTests
{
    private const string Welcome = "playbook: welcome\nmilestones:\n  - id: activated\n    reached_when: { event: user.invited }\n" +
                                   "    success: { event: user.logged_in, within: 7d }\n" +
                                   "rules:\n  - id: hello\n    when: { event: user.invited }\n    do: [ { task: { title: hi } } ]\n";

    private static readonly string[] GoodTimes =
    [
        "2026-01-05", "2026-01-05T09:00:00Z", "2026-01-05T09:00:00", "2026-01-05t09:00:00z", "2026-01-05 09:00:00Z", "2026-01-05T09:00Z",
        "2026-01-05T09:00:00.5Z", "2026-01-05T09:00:00.123456789Z", "2026-01-05T10:00:00+01:00", "2026-01-05T10:00:00+0100", "2026-01-05T04:00:00-05:00",
    ];

    private static readonly string[] BadTimes = ["01/05/2026", "05.01.2026", "Jan 5 2026", "2026-1-5", "2026-01-05T10", "20260105T100000Z", "2026-01-05Z"];

    public static TheoryData<string, string, bool> Times()
    {
        var cases = new TheoryData<string, string, bool>();
        foreach (var (spellings, good) in new[] { (GoodTimes, true), (BadTimes, false) })
        {
            foreach (var time in spellings)
            {
                cases.Add("properties/run_until", time, good);
                cases.Add("definitions/event/properties/time", time, good);
                cases.Add("definitions/expectation/properties/time", time, good);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Times))]
    public void TestSchema_Times_AreTheOnesTheLoaderTakes(string path, string time, bool loaderTakes)
    {
        var (eventTime, runUntil, expected) = path switch
        {
            "properties/run_until" => ("2026-01-01T00:00:00Z", time, "2026-01-01T00:00:00Z"),
            "definitions/event/properties/time" => (time, "2026-02-01T00:00:00Z", null),
            _ => ("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", time),
        };
        var test = $"test: t\nevents:\n  - {{ time: \"{eventTime}\", type: user.invited, accountid: acme }}\nrun_until: \"{runUntil}\"\n" +
                   $"expect:\n  - {{ time: \"{expected ?? eventTime}\", rule: welcome/hello, action: task }}\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("welcome.yaml", Welcome), new SourceFile("t.test.yaml", test)).Count == 0);
        Assert.Equal(loaderTakes, Matches("test.schema.json", path, time));
    }

    [Fact]
    public void TestSchema_TimePattern_IsTheLoaders()
    {
        foreach (var path in (string[])["properties/run_until", "definitions/event/properties/time", "definitions/expectation/properties/time"])
        {
            Assert.Equal(NodeRules.IsoTimePattern, Pattern("test.schema.json", path));
        }
    }

    [Theory]
    [InlineData("+30d", true)]
    [InlineData("-90d", true)]
    [InlineData("30d", true)]
    [InlineData("-2w", true)]
    [InlineData("0", true)]
    [InlineData("90", false)]
    [InlineData("1y", false)]
    [InlineData("-3 d", false)]
    [InlineData("--3d", false)]
    public void PlaybookSchema_ScheduleOffsets_AreTheOnesTheLoaderTakes(string offset, bool loaderTakes)
    {
        var playbook = $"playbook: renew\nrules:\n  - id: r\n    when: {{ schedule: {{ date: account.renewal_date, offset: \"{offset}\" }} }}\n" +
                       "    do: [ { task: { title: renew } } ]\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("renew.yaml", playbook)).Count == 0);
        Assert.Equal(loaderTakes, Matches("playbook.schema.json", "definitions/scheduleTrigger/properties/schedule/properties/offset", offset));
    }

    [Theory]
    [InlineData("3d", true)]
    [InlineData("+3d", true)]
    [InlineData("45m", true)]
    [InlineData("30s", true)]
    [InlineData("2w", true)]
    [InlineData("-3d", false)]
    [InlineData("3 d", false)]
    [InlineData("3days", false)]
    [InlineData("1y", false)]
    public void PlaybookSchema_Windows_AreTheOnesTheLoaderTakes(string within, bool loaderTakes)
    {
        var playbook = $"playbook: invite\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n" +
                       $"    unless: {{ event: user.logged_in, within: \"{within}\" }}\n    do: [ {{ task: {{ title: nudge }} }} ]\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("invite.yaml", playbook)).Count == 0);
        Assert.Equal(loaderTakes, Matches("playbook.schema.json", "definitions/eventMatch/properties/within", within));
    }

    [Theory]
    [InlineData("invite-reminder", true)]
    [InlineData("d-13b8f94fbcae4ec6b75270d6cb59f932", true)]
    [InlineData("Welcome (v2) {x}", true)]
    [InlineData("welcome-{{ event.data.plan }}", false)]
    public void PlaybookSchema_EmailTemplates_AreTheOnesTheLoaderTakes(string template, bool loaderTakes)
    {
        var playbook = $"playbook: invite\nrules:\n  - id: r\n    when: {{ event: user.invited }}\n" +
                       $"    do: [ {{ email: {{ to: a@b.test, template: \"{template}\" }} }} ]\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("invite.yaml", playbook)).Count == 0);
        Assert.Equal(loaderTakes, Matches("playbook.schema.json", "definitions/emailAction/properties/email/properties/template", template));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("10m", true)]
    [InlineData("+10m", true)]
    [InlineData("-10m", false)]
    [InlineData("10", false)]
    public void TestSchema_AllowedLateness_IsWhatTheLoaderTakes(string lateness, bool loaderTakes)
    {
        var test = $"test: t\nallowed_lateness: \"{lateness}\"\nevents:\n  - {{ time: 2026-01-05T09:00:00Z, type: user.invited, accountid: acme }}\n" +
                   "expect:\n  - { time: 2026-01-05T09:00:00Z, rule: welcome/hello, action: task }\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("welcome.yaml", Welcome), new SourceFile("t.test.yaml", test)).Count == 0);
        Assert.Equal(loaderTakes, Matches("test.schema.json", "properties/allowed_lateness", lateness));
    }

    [Theory]
    [InlineData("activated", true)] // a bare id, when exactly one playbook has it
    [InlineData("welcome/activated", true)]
    [InlineData("Welcome/activated", false)]
    [InlineData("welcome/", false)]
    public void JourneySchema_MilestoneEntries_AreTheOnesTheLoaderTakes(string milestone, bool loaderTakes)
    {
        var journey = $"journey: life\nstages:\n  - id: start\n    entered_when: {{ event: user.invited }}\n" +
                      $"  - id: active\n    entered_when: {{ milestone: \"{milestone}\", is: reached }}\n";

        Assert.Equal(loaderTakes, Errors(new SourceFile("welcome.yaml", Welcome), new SourceFile("journeys/life.yaml", journey)).Count == 0);
        Assert.Equal(loaderTakes, Matches("journey.schema.json", "definitions/milestoneEntry/properties/milestone", milestone));
    }

    private static List<Core.Diagnostics.Diagnostic> Errors(params SourceFile[] files) =>
        [.. PlaybookLoader.Load(files).Diagnostics.Where(d => d.Severity == Core.Diagnostics.Severity.Error)];

    private static bool Matches(string schema, string path, string value) => Regex.IsMatch(value, Pattern(schema, path));

    private static string Pattern(string schema, string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, schema)));
        var node = document.RootElement;
        foreach (var name in path.Split('/'))
        {
            node = node.GetProperty(name);
        }

        return node.GetProperty("pattern").GetString()!;
    }
}
