using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads a journey file: stages in order and touchpoints.</summary>
internal static class JourneyReader
{
    private static readonly string[] EntryKinds = ["event", "milestone"];

    public static Journey? Read(YamlSource source, YamlMappingNode root)
    {
        var reader = new MapReader(source, root, "journey", Keys.Journey);
        var id = reader.Id("journey", required: true, "journey id");
        var description = reader.String("description");
        var journeyId = id ?? "?";
        var stages = PlaybookReader.ReadList(reader, "stages", "stage", (s, m) => ReadStage(s, m, journeyId), required: true);
        var touchpoints = PlaybookReader.ReadList(reader, "touchpoints", "touchpoint", ReadTouchpoint);
        return id is null ? null : new Journey(id, description, stages, touchpoints, reader.KeyAt("journey")) { IdLocation = reader.ValueAt("journey") };
    }

    private static Stage? ReadStage(YamlSource source, YamlMappingNode map, string journeyId)
    {
        var reader = new MapReader(source, map, "stage", Keys.Stage);
        var id = reader.Id("id", required: true, "stage id") ?? PlaybookReader.AsWritten(reader, "id");
        var name = reader.String("name");
        var description = reader.String("description");
        var entered = TriggerReader.Read(source, reader.Get("entered_when", required: true), "entered_when", EntryKinds);
        var expected = reader.Duration("expected_within");
        if (entered is MilestoneTrigger { Is: MilestoneStatus.Failed } failed)
        {
            // Stages are steps forward; a milestone missed is something to act on, not a stage reached.
            var at = reader.Get("entered_when") is YamlMappingNode entry && entry.Children.TryGetValue(new YamlScalarNode("is"), out var status)
                ? source.At(status) : failed.Location;
            source.Diagnostics.Error(at, ErrorCodes.BadEnumValue, "a stage is entered when a milestone is reached or succeeded, not when it failed",
                "write is: reached or is: succeeded; to act on a missed milestone, write a playbook rule: when: { milestone: ID, is: failed }");
            entered = null;
        }

        // Kept with what could be read (errors reported), so a duplicate of its id is still reported in the same run.
        return id is null
            ? null
            : new Stage(journeyId, id, name ?? id, description, entered ?? new UnreadTrigger(reader.Location), expected, reader.ValueAt("id"));
    }

    private static Touchpoint? ReadTouchpoint(YamlSource source, YamlMappingNode map)
    {
        var reader = new MapReader(source, map, "touchpoint", Keys.Touchpoint);
        var id = reader.Id("id", required: true, "touchpoint id");
        var name = reader.String("name");
        var channel = reader.Enum<Channel>("channel", Keys.Channels, required: true);
        var stage = reader.Id("stage", what: "stage id");
        var events = new List<string>();
        if (reader.Sequence("events", required: true) is { } list)
        {
            foreach (var item in list.Children)
            {
                if (item is YamlScalarNode scalar && MapReader.EventTypeOf(source, scalar) is { } type)
                {
                    events.Add(type);
                }
                else if (item is not YamlScalarNode)
                {
                    source.Diagnostics.Error(source.At(item), ErrorCodes.WrongType, "each item of 'events' must be an event type");
                }
            }

            if (list.Children.Count == 0)
            {
                source.Diagnostics.Warning(reader.ValueAt("events"), ErrorCodes.NoTouchpointEvents,
                    $"touchpoint '{id ?? "?"}' lists no events, so the journey map never counts it",
                    "list the event types that mean this touchpoint happened: events: [page.viewed]");
            }
        }

        return id is null || channel is null
            ? null
            : new Touchpoint(id, name ?? id, Keys.Channels[(int)channel.Value], stage, events, reader.ValueAt("id"));
    }

    /// <summary>Index type for <see cref="Keys.Channels"/>; the model keeps the channel's text.</summary>
    private enum Channel
    {
        Email,
        InApp,
        Web,
        Phone,
        Meeting,
        Support,
        Community,
        Other,
    }
}
