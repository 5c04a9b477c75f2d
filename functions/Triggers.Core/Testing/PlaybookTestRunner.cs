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
        foreach (var e in test.Events)
        {
            simulator.Add(System.Text.Encoding.UTF8.GetBytes(e.Json), e.Location.ToString());
        }

        simulator.Finish();

        var unmatched = new List<Outcome>(outcomes);
        var missing = new List<Expectation>();
        foreach (var expectation in test.Expect)
        {
            var index = unmatched.FindIndex(o => Matches(expectation, o));
            if (index < 0)
            {
                missing.Add(expectation);
            }
            else
            {
                unmatched.RemoveAt(index);
            }
        }

        var unexpected = test.ExpectOnly ? unmatched.Where(o => o.Kind == OutcomeKind.Action).ToList() : [];
        var passed = missing.Count == 0 && unexpected.Count == 0;
        var report = passed ? [] : Report(test, missing, unexpected, outcomes);
        if (!passed && simulator.Stats.QuietHoursWithUnknownZone > 0)
        {
            report.Add($"hint: {SimulationStats.DescribeQuietHoursInUtc(simulator.Stats)}");
        }

        return new TestResult(test, passed, report, outcomes);
    }

    /// <summary>Where the test's events that reuse an earlier event's <c>id</c> are (the engine ignores them as duplicates).</summary>
    private static List<string> Repeats(PlaybookTest test)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeats = new List<string>();
        foreach (var e in test.Events)
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.Json);
            if (json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text && !seen.Add(text))
            {
                repeats.Add(e.Location.ToString());
            }
        }

        return repeats;
    }

    /// <summary>Where a test's run ends: its run_until, else its last event's time.</summary>
    private static DateTimeOffset? Until(PlaybookTest test) =>
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
        "milestone" => o.Milestone,
        "status" => o.Status,
        "stage" => o.Stage,
        "reason" => o.Reason,
        "accountid" => o.AccountId,
        "body" => o.Action == "webhook" ? o.Payload : null,
        "data" => o.Action is "email" or "emit" ? o.Payload : null,
        _ => null,
    };

    private static List<string> Report(PlaybookTest test, List<Expectation> missing, List<Outcome> unexpected, List<Outcome> outcomes)
    {
        var lines = new List<string>();
        if (missing.Count > 0)
        {
            lines.Add("expected but did not happen:");
            foreach (var e in missing)
            {
                lines.Add($"  - {Describe(e)}    ({e.Location})");
                if (NearMiss(e, outcomes) is { } near)
                {
                    lines.Add($"      {near}");
                }
            }
        }

        if (unexpected.Count > 0)
        {
            lines.Add("happened but not expected (expect_only):");
            lines.AddRange(unexpected.Select(o => $"  + {Describe(o)}"));
        }

        lines.Add("actual outcomes:");
        lines.AddRange(outcomes.Count == 0 ? ["  (none)"] : outcomes.Select(o => $"    {Describe(o)}"));
        var until = Until(test);
        if (until is { } end && test.Events.Where(e => e.Time > end).Select(e => e.Location.ToString()).ToList() is { Count: > 0 } after)
        {
            lines.Add($"hint: {after.Count} event{(after.Count == 1 ? "" : "s")} after run_until ({OutcomeJson.Format(end)}) {(after.Count == 1 ? "was" : "were")} not replayed: {string.Join(", ", after)}");
        }

        if (until is { } last && missing.Where(e => e.Time > last).ToList() is { Count: > 0 } beyond)
        {
            lines.Add($"hint: run_until ({OutcomeJson.Format(last)}) ends the run before {string.Join(", ", beyond.Select(e => OutcomeJson.Format(e.Time!.Value)))}: nothing can happen after it");
        }

        if (Repeats(test) is { Count: > 0 } repeats)
        {
            lines.Add($"hint: {repeats.Count} event{(repeats.Count == 1 ? " repeats an earlier event's id and was" : "s repeat an earlier event's id and were")} ignored as duplicate{(repeats.Count == 1 ? "" : "s")}: {string.Join(", ", repeats)}");
        }

        if (outcomes.Any(o => o.Kind == OutcomeKind.Late))
        {
            lines.Add($"hint: events are fed in the order they are listed, as they would arrive; one listed after a later one is late. " +
                $"List them in time order, or give the test 'allowed_lateness: {Model.DurationParser.Format(TimeSpan.FromSeconds(Math.Ceiling(Lateness(test).TotalSeconds)))}' to test a late arrival");
        }

        return lines;
    }

    /// <summary>How far behind the newest event listed before it the latest-listed straggler is: the lateness that would accept them all.</summary>
    private static TimeSpan Lateness(PlaybookTest test)
    {
        var (newest, most) = (DateTimeOffset.MinValue, TimeSpan.Zero);
        foreach (var e in test.Events)
        {
            most = e.Time < newest && newest - e.Time > most ? newest - e.Time : most;
            newest = e.Time > newest ? e.Time : newest;
        }

        return most;
    }

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
    /// The outcome the test author most likely meant, and what differs: the same rule firing a day later, a task
    /// with another title, or the action suppressed instead. Null when nothing comes close.
    /// </summary>
    internal static string? NearMiss(Expectation e, IReadOnlyList<Outcome> outcomes)
    {
        if (e.Kind == "action" && e.Fields.TryGetValue("rule", out var rule) &&
            outcomes.FirstOrDefault(o => o.Kind == OutcomeKind.Suppressed && o.QualifiedRule == rule &&
                (!e.Fields.TryGetValue("action", out var action) || o.Action == action) && (e.Time is not { } at || o.Time == at)) is { } suppressed)
        {
            return $"suppressed instead at {OutcomeJson.Format(suppressed.Time)}, reason {suppressed.Reason}: {suppressed.Because}";
        }

        // The closest outcome of the same kind that agrees on what the expectation is about (its rule, milestone or
        // stage) and differs in as few fields as possible.
        var subject = new[] { "rule", "milestone", "stage" }.FirstOrDefault(e.Fields.ContainsKey);
        Outcome? best = null;
        var fewest = int.MaxValue;
        foreach (var o in outcomes.Where(o => OutcomeJson.Kind(o.Kind) == e.Kind))
        {
            if (subject is not null && !Matches(new Expectation(e.Kind, null, new Dictionary<string, string> { [subject] = e.Fields[subject] }, e.Location), o))
            {
                continue;
            }

            var differences = Differences(e, o).Count;
            if (differences < fewest)
            {
                (best, fewest) = (o, differences);
            }
        }

        if (best is null || (subject is null && fewest > 1))
        {
            return null; // nothing of the kind, or nothing that is recognisably the one meant
        }

        return $"closest: {Describe(best)}: {string.Join("; ", Differences(e, best))}";
    }

    private static List<string> Differences(Expectation e, Outcome o)
    {
        var differences = new List<string>();
        if (e.Time is { } time && time != o.Time)
        {
            var gap = o.Time - time;
            differences.Add($"{Model.DurationParser.Describe(gap.Duration())} {(gap > TimeSpan.Zero ? "later" : "earlier")} than expected");
        }

        foreach (var (field, expected) in e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var single = new Expectation(e.Kind, null, new Dictionary<string, string> { [field] = expected }, e.Location);
            if (!Matches(single, o))
            {
                differences.Add($"{field} is {(Field(o, field) is { } actual ? $"'{actual}'" : "not set")}, not '{expected}'");
            }
        }

        return differences;
    }

    public static string Describe(Expectation e)
    {
        var time = e.Time is { } t ? OutcomeJson.Format(t) : "any time";
        return $"{time} {e.Kind} " + string.Join(" ", e.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
    }

    public static string Describe(Outcome o)
    {
        var fields = new[] { "rule", "action", "to", "template", "title", "assignee", "target", "type", "milestone", "status", "stage", "reason", "body", "data" }
            .Select(f => (f, v: f == "milestone" && o.Milestone is not null ? $"{o.Playbook}/{o.Milestone}" : Field(o, f)))
            .Where(p => p.v is not null)
            .Select(p => $"{p.f}={p.v}");
        var line = $"{OutcomeJson.Format(o.Time)} {OutcomeJson.Kind(o.Kind)} accountid={o.AccountId} {string.Join(" ", fields)}";
        return o.Kind is OutcomeKind.Late or OutcomeKind.Rejected && !string.IsNullOrEmpty(o.Because) ? $"{line}    ({o.Because})" : line;
    }
}
