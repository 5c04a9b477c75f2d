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
        Assert.Equal("suppressed", expectation.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
        var reasons = expectation.GetProperty("then").GetProperty("properties").GetProperty("reason").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!);
        Assert.Equal(Keys.SuppressionReasons, reasons);
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
