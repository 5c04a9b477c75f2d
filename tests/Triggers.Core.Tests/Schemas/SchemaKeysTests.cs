using System.Text.Json;
using Triggers.Core.Loading;
using Triggers.Core.Tests.Support;

namespace Triggers.Core.Tests.Schemas;

/// <summary>
/// The JSON Schemas editors use and the loader must agree on every key: a key the schema offers but the loader
/// rejects (or the other way round) would send CS ops in circles. No JSON Schema library is obtainable here,
/// so the check walks the schema's "properties" itself.
/// </summary>
public sealed class SchemaKeysTests
{
    public static TheoryData<string, string[]> Cases() => new()
    {
        {
            "playbook.schema.json",
            [.. Keys.Playbook, .. Keys.Milestone, .. Keys.Rule, .. Keys.EventMatch, .. Keys.Limit, .. Keys.QuietHours, .. Keys.TriggerKinds,
             .. Keys.EventTrigger, .. Keys.CountTrigger, .. Keys.ThresholdTrigger, .. Keys.MilestoneTrigger, .. Keys.StageTrigger,
             .. Keys.ScheduleTrigger, .. Keys.ActionKinds, .. Keys.Email, .. Keys.Task, .. Keys.Webhook, .. Keys.Emit]
        },
        { "journey.schema.json", [.. Keys.Journey, .. Keys.Stage, .. Keys.Touchpoint, .. Keys.EventTrigger, .. Keys.MilestoneTrigger] },
        { "test.schema.json", [.. Keys.Test, .. Keys.TestEvent, .. Keys.Expectation] },
        { "webhooks.schema.json", [.. Keys.Targets, .. Keys.Target] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Schema_PropertyNames_MatchTheLoaderKeys(string schema, string[] loaderKeys)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, schema)));
        var schemaKeys = new SortedSet<string>(StringComparer.Ordinal);
        Collect(document.RootElement, schemaKeys);

        Assert.Equal(new SortedSet<string>(loaderKeys, StringComparer.Ordinal), schemaKeys);
    }

    [Fact]
    public void TestSchema_ExpectationValues_AreTheOnesTheLoaderAccepts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "test.schema.json")));
        var expectation = document.RootElement.GetProperty("definitions").GetProperty("expectation");
        var properties = expectation.GetProperty("properties");

        foreach (var (field, values) in Keys.ExpectationValues)
        {
            var offered = properties.GetProperty(field).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!);
            Assert.Equal(values, offered);
        }

        // A reason is one of a fixed few only for a suppression (a late or rejected event's is text about the event).
        var suppression = expectation.GetProperty("allOf").EnumerateArray().Single(rule => rule.GetProperty("then").TryGetProperty("properties", out _));
        Assert.Equal("suppressed", suppression.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
        var reasons = suppression.GetProperty("then").GetProperty("properties").GetProperty("reason").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!);
        Assert.Equal(Keys.SuppressionReasons, reasons);
    }

    /// <summary>
    /// Every expectation field, under every kind and every action kind: the schema lets an editor offer it exactly
    /// when the loader accepts it (a title on an email is an error in both). The schema's per-kind rules are
    /// draft-07 if/then pairs on a const, with propertyNames listing what is allowed; they are read as such here.
    /// </summary>
    [Fact]
    public void TestSchema_FieldsPerKindAndActionKind_AreTheOnesTheLoaderAccepts()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Schemas, "test.schema.json")));
        var rules = document.RootElement.GetProperty("definitions").GetProperty("expectation").GetProperty("allOf").EnumerateArray().ToList();
        var disagreements = new List<string>();
        var samples = new Dictionary<string, string>
        {
            ["time"] = "2026-02-01T10:00:00Z", ["rule"] = "spike/three-tickets", ["priority"] = "normal", ["due"] = "2026-02-03T10:00:00Z",
            ["body"] = "{ n: 1 }", ["data"] = "{ n: 1 }", ["status"] = "reached", ["reason"] = "limit",
        };
        foreach (var kind in (string?[])[null, "action", "milestone", "stage", "suppressed", "late", "rejected"])
        {
            foreach (var action in kind is null or "action" or "suppressed" ? (string?[])[null, "email", "task", "webhook", "emit"] : [null])
            {
                foreach (var field in Keys.Expectation.Where(f => f is not ("kind" or "action")))
                {
                    var given = new Dictionary<string, string>();
                    if (kind is not null)
                    {
                        given["kind"] = kind;
                    }

                    if (action is not null)
                    {
                        given["action"] = action;
                    }

                    given[field] = samples.GetValueOrDefault(field, "x");
                    var schemaAllows = rules.All(rule => !Applies(rule.GetProperty("if"), given) || Allows(rule.GetProperty("then"), given.Keys));
                    var expectation = "{ " + string.Join(", ", given.Select(g => $"{g.Key}: {g.Value}")) + " }";
                    var loaderAllows = !Load(expectation).Any(d => d.Code == "TRG015");
                    if (schemaAllows != loaderAllows)
                    {
                        disagreements.Add($"{expectation}: schema {(schemaAllows ? "allows" : "forbids")}, loader {(loaderAllows ? "accepts" : "rejects")}");
                    }
                }
            }
        }

        Assert.Empty(disagreements);

        static bool Applies(JsonElement condition, Dictionary<string, string> given)
        {
            var required = condition.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!) : [];
            return required.All(given.ContainsKey) && condition.GetProperty("properties").EnumerateObject()
                .All(p => !given.TryGetValue(p.Name, out var value) || value == p.Value.GetProperty("const").GetString());
        }

        static bool Allows(JsonElement then, IEnumerable<string> keys) =>
            !then.TryGetProperty("propertyNames", out var names) || keys.All(k => names.GetProperty("enum").EnumerateArray().Any(n => n.GetString() == k));

        static IReadOnlyList<Core.Diagnostics.Diagnostic> Load(string expectation) => PlaybookLoader.Load(
        [
            new SourceFile("spike.yaml", "playbook: spike\nrules:\n  - id: three-tickets\n    when: { event: ticket.opened }\n    do:\n      - task: { title: spike }\n"),
            new SourceFile("t.test.yaml", $"test: t\nevents:\n  - {{ time: 2026-02-01T10:00:00Z, type: ticket.opened, accountid: acme }}\nexpect:\n  - {expectation}\n"),
        ]).Diagnostics;
    }

    [Fact]
    public void EverySampleFile_PointsEditorsAtItsSchema()
    {
        var files = Directory.EnumerateFiles(RepoPaths.Playbooks, "*.yaml", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var first = File.ReadLines(file).First();
            Assert.Matches(@"^# yaml-language-server: \$schema=(\.\./)+schemas/(playbook|journey|test|webhooks)\.schema\.json$", first);
            var target = first[(first.IndexOf('=', StringComparison.Ordinal) + 1)..];
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(file)!, target)), $"{file}: {target} does not exist");
        }
    }

    /// <summary>Property names of every object schema, except free-form data (bodies, event data) and $-keywords.</summary>
    private static void Collect(JsonElement element, SortedSet<string> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var key in property.Value.EnumerateObject())
                        {
                            keys.Add(key.Name);
                            Collect(key.Value, keys);
                        }
                    }
                    else if (property.Name is not ("examples" or "default" or "const" or "enum"))
                    {
                        Collect(property.Value, keys);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, keys);
                }

                break;
        }
    }
}
