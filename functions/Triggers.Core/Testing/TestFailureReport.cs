using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Testing;

/// <summary>
/// What a failing playbook test prints: each expectation that did not happen with the closest actual outcome and
/// what differs, every actual outcome, and hints for the events the run did not replay as the author meant.
/// </summary>
internal static class TestFailureReport
{
    /// <summary>Where the test's events that reuse an earlier event's <c>id</c> are (the engine ignores them as duplicates).</summary>
    private static List<string> Repeats(PlaybookTest test)
    {
        // Per account, as the engine decides duplicates: the same id in another account's event is another event.
        var seen = new HashSet<(string, string)>();
        var repeats = new List<string>();
        foreach (var e in test.Events)
        {
            using var json = System.Text.Json.JsonDocument.Parse(e.Json);
            if (json.RootElement.TryGetProperty("id", out var id) && id.GetString() is { } text &&
                !seen.Add((json.RootElement.GetProperty("accountid").GetString() ?? "", text)))
            {
                repeats.Add(e.Location.ToString());
            }
        }

        return repeats;
    }

    /// <summary>The report; <paramref name="takenBy"/> gives, for each outcome, the expectation paired with it, if any.</summary>
    public static List<string> Lines(PlaybookTest test, List<Expectation> missing, List<Outcome> unexpected, List<Outcome> outcomes,
        IReadOnlyList<Expectation?> takenBy)
    {
        var lines = new List<string>();
        if (missing.Count > 0)
        {
            lines.Add("expected but did not happen:");
            foreach (var e in missing)
            {
                lines.Add($"  - {PlaybookTestRunner.Describe(e)}    ({e.Location})");
                if (NearMiss(e, outcomes, takenBy) is { } near)
                {
                    lines.Add($"      {near}");
                }
            }
        }

        if (unexpected.Where(o => o.Kind == OutcomeKind.Rejected).ToList() is { Count: > 0 } rejected)
        {
            lines.Add("events of the test the engine rejected (a test that means to test a rejection expects it: { kind: rejected }):");
            lines.AddRange(rejected.Select(o => $"  + {PlaybookTestRunner.Describe(o)}"));
        }

        if (unexpected.Where(o => o.Kind != OutcomeKind.Rejected).ToList() is { Count: > 0 } actions)
        {
            lines.Add("happened but not expected (expect_only):");
            lines.AddRange(actions.OrderBy(o => o.Time).Select(o => $"  + {PlaybookTestRunner.Describe(o)}"));
        }

        lines.Add("actual outcomes:");
        // In time order, as the test's events are written: the replay gives them account by account.
        lines.AddRange(outcomes.Count == 0 ? ["  (none)"] : outcomes.OrderBy(o => o.Time).Select(o => $"    {PlaybookTestRunner.Describe(o)}"));
        var until = PlaybookTestRunner.Until(test);
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

        // A test that expects late events lists them late on purpose: telling its author to reorder them is noise.
        if (outcomes.Any(o => o.Kind == OutcomeKind.Late) && !test.Expect.Any(e => e.Kind == "late"))
        {
            lines.Add($"hint: events are fed in the order they are listed, as they would arrive; one listed after a later one of its account is late. " +
                $"List them in time order, or give the test 'allowed_lateness: {Model.DurationParser.Format(TimeSpan.FromSeconds(Math.Ceiling(Lateness(test).TotalSeconds)))}' to test a late arrival");
        }

        return lines;
    }

    /// <summary>
    /// How far behind the newest event of its account listed before it the latest-listed straggler is (lateness is per
    /// account): the lateness that would accept them all.
    /// </summary>
    private static TimeSpan Lateness(PlaybookTest test)
    {
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var most = TimeSpan.Zero;
        foreach (var e in test.Events)
        {
            var account = AccountOf(e.Json);
            if (newest.TryGetValue(account, out var before) && e.Time < before)
            {
                most = before - e.Time > most ? before - e.Time : most;
            }

            newest[account] = e.Time > before ? e.Time : before;
        }

        return most;
    }

    private static string AccountOf(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("accountid", out var account) ? account.ToString() : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    /// <summary>
    /// The outcome the test author most likely meant, and what differs: the same rule firing a day later, a task
    /// with another title, the action suppressed instead, or sent instead of suppressed. Null when nothing comes close.
    /// </summary>
    internal static string? NearMiss(Expectation e, IReadOnlyList<Outcome> outcomes, IReadOnlyList<Expectation?> takenBy)
    {
        if (e.Kind == "action" && Counterpart(e, OutcomeKind.Suppressed, outcomes, takenBy) is { } suppressed)
        {
            return $"suppressed instead at {OutcomeJson.Format(suppressed.Time)}, reason {suppressed.Reason}: {suppressed.Because}";
        }

        if (e.Kind == "suppressed" && Counterpart(e, OutcomeKind.Action, outcomes, takenBy) is { } sent)
        {
            return $"sent instead: {PlaybookTestRunner.Describe(sent)}";
        }

        // The closest outcome of the same kind that agrees on what the expectation is about (its rule, milestone or
        // stage) and differs in as few fields as possible.
        var subject = new[] { "rule", "milestone", "stage" }.FirstOrDefault(e.Fields.ContainsKey);
        var about = subject is null ? null : new Expectation(e.Kind, null, new Dictionary<string, string> { [subject] = e.Fields[subject] }, e.Location);
        var best = -1;
        var fewest = int.MaxValue;
        for (var i = 0; i < outcomes.Count; i++)
        {
            var o = outcomes[i];
            if (OutcomeJson.Kind(o.Kind) != e.Kind || (about is not null && !PlaybookTestRunner.Matches(about, o)))
            {
                continue;
            }

            var differences = Differences(e, o).Count;
            if (differences < fewest)
            {
                (best, fewest) = (i, differences);
            }
        }

        if (best < 0 || (subject is null && fewest > 1))
        {
            return null; // nothing of the kind, or nothing that is recognisably the one meant
        }

        // An exact fit left unpaired was paired with another expectation: the same outcome expected twice, say.
        var closest = outcomes[best];
        var what = fewest == 0 && takenBy[best] is { } other
            ? $"matched by the expectation at line {other.Location.Line}"
            : string.Join("; ", Differences(e, closest));
        return $"closest: {PlaybookTestRunner.Describe(closest)}: {what}";
    }

    /// <summary>
    /// The other fate of the action an expectation names (sent rather than suppressed, or the reverse): the same rule,
    /// and the same action, time and account where the expectation gives them. One no other entry took comes first.
    /// </summary>
    private static Outcome? Counterpart(Expectation e, OutcomeKind kind, IReadOnlyList<Outcome> outcomes, IReadOnlyList<Expectation?> takenBy)
    {
        if (!e.Fields.TryGetValue("rule", out var rule))
        {
            return null;
        }

        // The same action, so every field both fates carry must agree too: an email sent to Ana is no counterpart of
        // one expected suppressed for Ben.
        var fits = Enumerable.Range(0, outcomes.Count).Where(i => outcomes[i] is var o && o.Kind == kind && o.QualifiedRule == rule &&
            (e.Time is not { } at || o.Time == at) &&
            SameAction.All(field => !e.Fields.TryGetValue(field, out var expected) || (field == "to"
                ? string.Equals(PlaybookTestRunner.Field(o, field), expected, StringComparison.OrdinalIgnoreCase)
                : PlaybookTestRunner.Field(o, field) == expected)));
        return fits.OrderBy(i => takenBy[i] is null ? 0 : 1).Select(i => outcomes[i]).FirstOrDefault();
    }

    /// <summary>The fields an action carries whether sent or suppressed.</summary>
    private static readonly string[] SameAction = ["action", "accountid", "to", "template", "title", "target", "type"];

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
            if (!PlaybookTestRunner.Matches(single, o))
            {
                differences.Add($"{field} is {(PlaybookTestRunner.Field(o, field) is { } actual ? $"'{Explaining.LineText.Escape(actual)}'" : "not set")}, not '{Explaining.LineText.Escape(expected)}'");
            }
        }

        return differences;
    }
}
