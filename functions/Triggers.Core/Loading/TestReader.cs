using System.Text;
using System.Text.Json;
using Triggers.Core.Engine;
using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads a <c>*.test.yaml</c>: abbreviated CloudEvents in, expected outcomes out.</summary>
internal static class TestReader
{
    public static PlaybookTest? Read(YamlSource source, YamlMappingNode root)
    {
        var reader = new MapReader(source, root, "test", Keys.Test);
        var name = reader.String("test", required: true);
        List<string>? playbooks = null;
        List<Diagnostics.SourceLocation> locations = [];
        if (reader.Sequence("playbooks") is { } list)
        {
            // An item that is no name (a stray ':' makes one a mapping) must not vanish: the test would run no playbook.
            foreach (var item in list.Children.Where(item => item is not YamlScalarNode || MapReader.IsNull(item)))
            {
                source.Diagnostics.Error(source.At(item), ErrorCodes.WrongType, $"each item of 'playbooks' must be a playbook id, not {YamlSource.Describe(item)}",
                    "list the playbooks by id: playbooks: [invite-colleague, renewal-at-risk]");
            }

            playbooks = [.. list.Children.OfType<YamlScalarNode>().Where(s => !MapReader.IsNull(s)).Select(s => s.Value ?? "")];
            locations = [.. list.Children.OfType<YamlScalarNode>().Where(s => !MapReader.IsNull(s)).Select(s => source.At(s))];
            if (list.Children.Count == 0)
            {
                source.Diagnostics.Warning(reader.ValueAt("playbooks"), ErrorCodes.TestsNothing, "'playbooks' is empty, so the test runs no playbook: it checks nothing",
                    "name the playbooks the test is about, or leave 'playbooks' out to run them all");
            }
        }

        if (reader.Blank("allowed_lateness"))
        {
            source.Diagnostics.Error(reader.KeyAt("allowed_lateness"), ErrorCodes.MissingKey, "'allowed_lateness' in test has no value",
                "give a duration (allowed_lateness: 1h), or leave it out for none");
        }

        var lateness = reader.Has("allowed_lateness") ? reader.Duration("allowed_lateness", allowZero: true) : TimeSpan.Zero;
        var events = new List<TestEvent>();
        var index = 0;
        if (reader.Sequence("events", required: true) is { } eventList)
        {
            if (eventList.Children.Count == 0)
            {
                source.Diagnostics.Warning(reader.ValueAt("events"), ErrorCodes.TestsNothing, "'events' is empty, so nothing is replayed: the test checks nothing",
                    "list the events the test replays: events: [ { time: 2026-01-05T09:00:00Z, type: user.invited, accountid: acme } ]");
            }

            foreach (var node in eventList.Children)
            {
                index++;
                if (node is YamlMappingNode map && ReadEvent(source, map, index) is { } e)
                {
                    events.Add(e);
                }
                else if (node is not YamlMappingNode)
                {
                    source.Diagnostics.Error(source.At(node), ErrorCodes.WrongType, "each test event must be a mapping of CloudEvents fields");
                }
            }
        }

        var runUntil = Timestamp(reader, "run_until");
        if (runUntil is { } until && events.Count > 0 && events.Min(e => e.Time) is var first && first > until)
        {
            // Nothing would be replayed, so nothing could fire: a test that expects nothing would pass for ever.
            source.Diagnostics.Error(reader.ValueAt("run_until"), ErrorCodes.OutOfRange,
                $"run_until {OutcomeJson.Format(until)} is before every event of the test (the first is at {OutcomeJson.Format(first)}), so nothing would be replayed",
                "set run_until after the events it should see (a year mistyped?), or leave it out to end at the last event");
        }

        var expect = PlaybookReader.ReadList(reader, "expect", "expected outcome", ReadExpectation, required: !reader.Has("expect"));
        var expectOnly = reader.Bool("expect_only") ?? false;
        return name is null || lateness is null
            ? null
            : new PlaybookTest(name, playbooks, lateness.Value, events, runUntil, expect, expectOnly, reader.KeyAt("test")) { PlaybookLocations = locations };
    }

    private static TestEvent? ReadEvent(YamlSource source, YamlMappingNode map, int index)
    {
        var reader = new MapReader(source, map, "test event", Keys.TestEvent);
        var time = Timestamp(reader, "time", required: true);
        var type = reader.EventType("type", required: true);
        var account = reader.String("accountid", required: true);
        if (time is null || type is null || account is null)
        {
            return null;
        }

        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", reader.String("specversion") ?? "1.0");
            json.WriteString("id", reader.String("id") ?? $"{Path.GetFileName(source.File)}#{index:D4}");
            json.WriteString("source", reader.String("source") ?? "triggers-test");
            json.WriteString("type", type);
            json.WriteString("time", time.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("accountid", account);
            foreach (var key in new[] { "userid", "subject", "datacontenttype", "dataschema" })
            {
                if (reader.String(key) is { } value)
                {
                    json.WriteString(key, value);
                }
            }

            if (reader.Get("data") is { } data && reader.Source.KeysAreText(data, "event data"))
            {
                json.WritePropertyName("data");
                WriteJson(json, data);
            }

            json.WriteEndObject();
        }

        return new TestEvent(Encoding.UTF8.GetString(buffer.ToArray()), time.Value, reader.Location);
    }

    private static Expectation? ReadExpectation(YamlSource source, YamlMappingNode map)
    {
        var reader = new MapReader(source, map, "expected outcome", Keys.Expectation);
        var kind = reader.Has("kind") ? reader.Enum<ExpectationKind>("kind", Keys.ExpectationKinds) : ExpectationKind.Action;
        var time = Timestamp(reader, "time");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var locations = new Dictionary<string, Diagnostics.SourceLocation>(StringComparer.Ordinal);
        var name = kind is null ? null : Keys.ExpectationKinds[(int)kind.Value];
        foreach (var key in reader.PresentKeys.Where(k => k is not ("kind" or "time")))
        {
            if (reader.Blank(key))
            {
                // A field given no value would match anything, as if left out: a test meant to check it would pass unchecked.
                source.Diagnostics.Error(reader.KeyAt(key), ErrorCodes.MissingKey, $"'{key}' in expected outcome has no value, so it would match anything",
                    key == "assignee"
                        ? "leave it out to match any assignee, or write assignee: \"\" for a task that names nobody"
                        : $"give the value the outcome must have, or leave '{key}' out to match any");
            }
            else if (name is not null && !FieldsOf[name].Contains(key))
            {
                // The field would never match: the outcome does not carry it, so the test could only fail.
                source.Diagnostics.Error(reader.KeyAt(key), ErrorCodes.ConflictingKeys, $"{Article(name)} {name} outcome has no '{key}', so this expectation could never match",
                    $"{Article(name)} {name} outcome is matched on: {string.Join(", ", FieldsOf[name])}{(name == "action" ? " (write kind: milestone, stage, suppressed, late or rejected for those)" : "")}");
            }
            else if (Value(reader, key, name) is { } value)
            {
                fields[key] = value;
                locations[key] = reader.ValueAt(key);
            }
        }

        if (name is "action" or "suppressed")
        {
            CheckActionFields(reader, fields.TryGetValue("action", out var action) ? action : null, fields.Keys);
        }

        return name is null ? null : new Expectation(name, time, fields, reader.Location) { FieldLocations = locations };
    }

    /// <summary>
    /// A field of another action kind (a <c>title</c> on an email), or fields of two kinds with no <c>action</c> named
    /// (<c>title</c> and <c>to</c>), would never match either: no outcome carries them, so the test could only fail.
    /// </summary>
    private static void CheckActionFields(MapReader reader, string? action, IEnumerable<string> present)
    {
        var specific = present.Where(k => ActionFieldsOf.Values.Any(f => f.Contains(k))).ToList();
        for (var i = 0; i < specific.Count; i++)
        {
            var key = specific[i];
            if (action is not null && !ActionFieldsOf[action].Contains(key))
            {
                reader.Source.Diagnostics.Error(reader.KeyAt(key), ErrorCodes.ConflictingKeys, $"{Article(action)} {action} action has no '{key}', so this expectation could never match",
                    $"{Article(action)} {action} action is matched on: rule, action, accountid, {string.Join(", ", ActionFieldsOf[action])}");
            }
            else if (action is null && specific.Take(i).FirstOrDefault(other => !ActionFieldsOf.Values.Any(f => f.Contains(other) && f.Contains(key))) is { } other)
            {
                reader.Source.Diagnostics.Error(reader.KeyAt(key), ErrorCodes.ConflictingKeys, $"no action has both '{other}' and '{key}', so this expectation could never match",
                    $"'{other}' is {Owners(other)}, '{key}' {Owners(key)}: write one expectation for each action");
            }
        }
    }

    /// <summary><c>a task's</c>, <c>an email's or an emit's</c>: the action kinds that carry a field.</summary>
    private static string Owners(string field) =>
        string.Join(" or ", ActionFieldsOf.Where(kind => kind.Value.Contains(field)).Select(kind => $"{Article(kind.Key)} {kind.Key}'s"));

    /// <summary>The fields each action kind carries besides the rule, action and account every action has.</summary>
    private static readonly Dictionary<string, string[]> ActionFieldsOf = new(StringComparer.Ordinal)
    {
        ["email"] = ["to", "template", "data"],
        ["task"] = ["title", "assignee", "priority", "due"],
        ["webhook"] = ["target", "body"],
        ["emit"] = ["type", "data"],
    };

    private static string Article(string kind) => kind is "action" or "email" or "emit" ? "an" : "a";

    private static string? Value(MapReader reader, string key, string? kind)
    {
        if (key is "body" or "data")
        {
            // What the payload must contain, as JSON; plain YAML scalars keep their types (59 is a number, "59" text).
            if (reader.Mapping(key) is not { } map || !reader.Source.KeysAreText(map, $"the expected {key}"))
            {
                return null;
            }

            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Expressions.ReadableJsonEncoder.WriterOptions)) // shown beside the actual payload, written so
            {
                WriteJson(json, map);
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        if (key == "due")
        {
            // A task's due time, compared as the outcome writes it (so any offset or precision given reads the same).
            return Timestamp(reader, key) is { } due ? OutcomeJson.Format(due) : null;
        }

        var values = key == "reason" && kind == "suppressed" ? Keys.SuppressionReasons : Keys.ExpectationValues.GetValueOrDefault(key);
        if (values is null)
        {
            return reader.String(key);
        }

        return reader.OneOf(key, values) is { } index ? values[index] : null;
    }

    /// <summary>The fields each kind of outcome carries, which is what an expectation of that kind can match on.</summary>
    private static readonly Dictionary<string, string[]> FieldsOf = new(StringComparer.Ordinal)
    {
        ["action"] = ["rule", "action", "to", "template", "title", "assignee", "target", "type", "priority", "due", "body", "data", "accountid"],
        ["milestone"] = ["milestone", "status", "accountid"],
        ["stage"] = ["stage", "accountid"],
        ["suppressed"] = ["rule", "action", "to", "template", "title", "target", "type", "milestone", "stage", "reason", "accountid"],
        ["late"] = ["trigger_event", "reason", "accountid"],
        // A malformed event may have no account or id: it is known by its time and what was wrong, and by its account
        // when the line names one it can read (simulate's line has it then too).
        ["rejected"] = ["reason", "accountid"],
    };


    private static DateTimeOffset? Timestamp(MapReader reader, string key, bool required = false)
    {
        if (reader.Scalar(key, required, "a timestamp") is not { Value: { } text } node)
        {
            return null;
        }

        if (NodeRules.TryParseTimestamp(text, out var time))
        {
            return time;
        }

        reader.Source.Diagnostics.Error(reader.Source.ContentAt(node), ErrorCodes.BadTimestamp, $"'{text}' is not a timestamp",
            text.Contains('/', StringComparison.Ordinal)
                ? $"write the date year first, e.g. 2026-01-05T09:00:00Z: '{text}' could be read day first or month first"
                : "write ISO 8601 in UTC, e.g. 2026-01-05T09:00:00Z, or 2026-01-05 for its midnight");
        return null;
    }

    /// <summary>YAML to JSON with YAML's core schema: plain numbers, booleans and null stay typed.</summary>
    private static void WriteJson(Utf8JsonWriter json, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                json.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    json.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    WriteJson(json, value);
                }

                json.WriteEndObject();
                break;
            case YamlSequenceNode list:
                json.WriteStartArray();
                foreach (var item in list.Children)
                {
                    WriteJson(json, item);
                }

                json.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                var literal = JsonTemplateReader.Literal(scalar);
                if (literal is null)
                {
                    json.WriteStringValue(scalar.Value);
                }
                else if (literal.Value.IsNull)
                {
                    json.WriteNullValue();
                }
                else if (literal.Value.Kind == Expressions.ValueKind.Bool)
                {
                    json.WriteBooleanValue(literal.Value.AsBool);
                }
                else
                {
                    // As payloads write numbers: an id too long for a double keeps its digits, in events and expectations alike.
                    Expressions.ValueJson.Write(json, literal.Value);
                }

                break;
        }
    }

    private enum ExpectationKind
    {
        Action,
        Milestone,
        Stage,
        Suppressed,
        Late,
        Rejected,
    }
}
