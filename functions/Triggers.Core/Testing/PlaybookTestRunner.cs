using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Testing;

/// <summary>
/// Runs a <c>*.test.yaml</c> through the simulator (the production engine on a virtual clock) and compares the
/// outcomes with what the test expects.
/// </summary>
public static class PlaybookTestRunner
{
    public static TestResult Run(PlaybookSet set, PlaybookTest test)
    {
        var program = new CompiledPlaybooks(set, test.Playbooks);
        var outcomes = new List<Outcome>();
        var until = Until(test);
        var simulator = new Simulator(program, new SimulationOptions { AllowedLateness = test.AllowedLateness, Until = until }, outcomes.Add);
        var (open, firstDue) = (0, long.MaxValue);
        if (test.RunUntil is null)
        {
            simulator.AccountReplayed = state => (open, firstDue) = (open + (state.HasPending ? state.Pending.Count : 0), Math.Min(firstDue, state.NextDue));
        }

        foreach (var e in test.Events)
        {
            simulator.Add(System.Text.Encoding.UTF8.GetBytes(e.Json), e.Location.ToString());
        }

        simulator.Finish();

        var owner = ExpectationMatcher.Match(test.Expect, outcomes);
        var paired = owner.Where(e => e >= 0).ToHashSet();
        var missing = test.Expect.Where((_, i) => !paired.Contains(i)).ToList();
        var takenBy = owner.Select(e => e < 0 ? null : test.Expect[e]).ToList();
        // A test event the engine rejects fails the test unless expected: the test would not test what it says.
        var unexpected = outcomes.Where((o, i) => owner[i] < 0 && ((test.ExpectOnly && o.Kind == OutcomeKind.Action) || o.Kind == OutcomeKind.Rejected)).ToList();
        var passed = missing.Count == 0 && unexpected.Count == 0;
        var report = passed ? [] : TestFailureReport.Lines(test, missing, unexpected, outcomes, takenBy);
        if (!passed && simulator.Stats.QuietHoursWithUnknownZone > 0)
        {
            report.Add($"hint: {SimulationStats.DescribeQuietHoursInUtc(simulator.Stats)}");
        }

        // The report quotes event data and reasons: escaped here, so every reader of it gets one safe line per entry.
        return new TestResult(test, passed, report.ConvertAll(Explaining.LineText.Escape), outcomes)
        {
            Warning = open == 0 || until is not { } end ? null
                : $"warning: with no run_until the test ends at its last event ({OutcomeJson.Format(end)}), while {(open == 1 ? "a window or timer is" : $"{open} windows or timers are")} " +
                  $"still to fall due (the first at {OutcomeJson.Format(new DateTimeOffset(firstDue, TimeSpan.Zero))}): add run_until to see what {(open == 1 ? "it does" : "they do")}",
        };
    }

    /// <summary>Where a test's run ends: its run_until, else its last event's time.</summary>
    internal static DateTimeOffset? Until(PlaybookTest test) =>
        test.RunUntil ?? (test.Events.Count == 0 ? null : test.Events.Max(e => e.Time));

    public static bool Matches(Expectation expectation, Outcome outcome)
    {
        if (OutcomeJson.Kind(outcome.Kind) != expectation.Kind || (expectation.Time is { } time && time != outcome.Time))
        {
            return false;
        }

        foreach (var (field, expected) in expectation.Fields)
        {
            var actual = Field(outcome, field);
            var ok = field switch
            {
                "milestone" => actual == expected || $"{outcome.Playbook}/{outcome.Milestone}" == expected,
                "body" or "data" => PayloadContains(actual, expected),
                // Mail systems treat addresses without regard to case (so do unsubscribes): Bob@Acme.test is bob@acme.test.
                "to" => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
                "assignee" => (actual ?? "") == expected, // assignee: "" is a task that names nobody (null in simulate's lines)
                _ => actual == expected,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static string? Field(Outcome o, string field) => field switch
    {
        "rule" => o.QualifiedRule,
        "action" => o.Action,
        "to" => o.To,
        "template" => o.Template,
        "title" => o.Title,
        "assignee" => o.Assignee,
        "target" => o.Target,
        "type" => o.Type,
        "priority" => o.Priority,
        "due" => o.Kind == OutcomeKind.Action && o.Due is { } due ? OutcomeJson.Format(due) : null,
        "milestone" => o.Milestone,
        "status" => o.Status,
        "stage" => o.Stage,
        "reason" => o.Reason,
        "accountid" => o.AccountId,
        "trigger_event" => o.Kind == OutcomeKind.Late ? o.TriggerEventId : null, // every action has one too, but tests name it only for late events
        "body" => o.Action == "webhook" ? o.Payload : null,
        "data" => o.Action is "email" or "emit" ? o.Payload : null,
        _ => null,
    };

    /// <summary>
    /// Whether a rendered payload (a webhook body, email template data, emitted event data) holds everything the
    /// test expects: every member given, recursively; members not given match anything, lists and values must be equal.
    /// </summary>
    private static bool PayloadContains(string? payload, string expected)
    {
        if (payload is null)
        {
            return false;
        }

        using var actual = System.Text.Json.JsonDocument.Parse(payload);
        using var wanted = System.Text.Json.JsonDocument.Parse(expected);
        return Contains(actual.RootElement, wanted.RootElement);

        static bool Contains(System.Text.Json.JsonElement actual, System.Text.Json.JsonElement wanted)
        {
            if (wanted.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return System.Text.Json.JsonElement.DeepEquals(actual, wanted);
            }

            return actual.ValueKind == System.Text.Json.JsonValueKind.Object &&
                wanted.EnumerateObject().All(member => actual.TryGetProperty(member.Name, out var value) && Contains(value, member.Value));
        }
    }

    /// <summary>
    /// One expectation as a line: its time, its kind (with the action kind after it: "action task", "suppressed
    /// email") and its fields as name=value, quoted where a value is empty or holds spaces, quotes or control characters.
    /// </summary>
    public static string Describe(Expectation e)
    {
        var time = e.Time is { } t ? OutcomeJson.Format(t) : "any time";
        var head = e.Fields.TryGetValue("action", out var action) ? $"{time} {e.Kind} {Value(action)}" : $"{time} {e.Kind}";
        var fields = e.Fields.Where(f => f.Key != "action").OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Pair(f.Key, f.Value));
        return string.Join(" ", fields.Prepend(head));
    }

    /// <summary>An outcome as a line, in the shape <see cref="Describe(Expectation)"/> gives an expectation.</summary>
    public static string Describe(Outcome o)
    {
        // Every field an expectation can match, so the line shows what to write (a task's priority, a late event's id).
        var fields = new[] { "rule", "to", "template", "title", "assignee", "priority", "target", "type", "due", "milestone", "status", "stage", "reason", "trigger_event", "body", "data" }
            .Select(f => (f, v: f == "milestone" && o.Milestone is not null ? $"{o.Playbook}/{o.Milestone}" : Field(o, f)))
            .Where(p => p.v is not null)
            .Select(p => Pair(p.f, p.v!));
        var kind = o.Action is { } action ? $"{OutcomeJson.Kind(o.Kind)} {Value(action)}" : OutcomeJson.Kind(o.Kind);
        var head = o.AccountId is { } account ? $"{OutcomeJson.Format(o)} {kind} {Pair("accountid", account)}" : $"{OutcomeJson.Format(o)} {kind}";
        var line = string.Join(" ", fields.Prepend(head));
        return o.Kind is OutcomeKind.Late or OutcomeKind.Rejected && !string.IsNullOrEmpty(o.Because) ? $"{line}    ({o.Because})" : line;
    }

    private static string Pair(string name, string value) => $"{name}={Value(value)}";

    /// <summary>
    /// A value as it reads in a line: as it is, or in single quotes when it is empty or holds a space (double quotes,
    /// escaped, when it holds a single quote too); control characters escaped either way, so a value is one line.
    /// </summary>
    internal static string Value(string value)
    {
        if (value.Length > 0 && !value.Any(char.IsWhiteSpace))
        {
            return Explaining.LineText.Escape(value);
        }

        return value.Contains('\'') ? Explaining.LineText.Quote(value) : $"'{Explaining.LineText.Escape(value)}'";
    }
}
