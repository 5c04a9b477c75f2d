using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads a trigger (<c>when</c>, <c>reached_when</c>, <c>entered_when</c>): exactly one trigger kind per mapping.</summary>
internal static class TriggerReader
{
    private static readonly string[] MilestoneStates = ["reached", "succeeded", "failed"];
    private static readonly string[] StageStates = ["entered"];

    /// <summary>Keys that belong beside a trigger kind (<c>where</c>, <c>is</c>, ...), so are not a misspelt kind themselves.</summary>
    private static readonly HashSet<string> TriggerParts = [.. Keys.EventTrigger, .. Keys.MilestoneTrigger, .. Keys.StageTrigger];

    /// <summary>Reads <paramref name="node"/> as a trigger; <paramref name="allowedKinds"/> are the kinds this place accepts
    /// (stages enter on an event or a milestone only). Problems go to the source's diagnostics.</summary>
    public static Trigger? Read(YamlSource source, YamlNode? node, string what, IReadOnlyList<string> allowedKinds)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            source.Diagnostics.Error(source.At(node), ErrorCodes.WrongType,
                $"{what} must be a trigger such as {{ event: user.invited }}, not {YamlSource.Describe(node)}",
                $"a trigger has one of: {string.Join(", ", allowedKinds)}");
            return null;
        }

        var kinds = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(Keys.TriggerKinds.Contains).ToList();
        if (kinds.Count != 1)
        {
            ReportKindCount(source, map, what, kinds, allowedKinds);
            return null;
        }

        var kind = kinds[0];
        if (!allowedKinds.Contains(kind))
        {
            source.Diagnostics.Error(source.At(map), ErrorCodes.KindCount, $"{what} cannot be a '{kind}' trigger",
                $"here a trigger is one of: {string.Join(", ", allowedKinds)}");
            return null;
        }

        return kind switch
        {
            "event" => ReadEvent(source, map, what),
            "count" => ReadCount(source, new MapReader(source, map, what, ["count"])),
            "threshold" => ReadThreshold(source, new MapReader(source, map, what, ["threshold"])),
            "milestone" => ReadMilestone(source, map, what),
            "stage" => ReadStage(source, map, what),
            _ => ReadSchedule(source, new MapReader(source, map, what, ["schedule"])),
        };
    }

    private static void ReportKindCount(YamlSource source, YamlMappingNode map, string what, List<string> kinds, IReadOnlyList<string> allowed)
    {
        if (kinds.Count > 1)
        {
            source.Diagnostics.Error(source.At(map), ErrorCodes.KindCount,
                $"{what} names {kinds.Count} trigger kinds ({string.Join(", ", kinds)}); a trigger has exactly one",
                "split it into separate rules, or use where/unless for extra conditions");
            return;
        }

        // No kind at all: most often a misspelt or invented one, so name every key that is no part of any trigger and
        // suggest the nearest kind. Only when the keys are all a trigger's own (a lone 'where') is the kind simply missing.
        var kindless = true;
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Where(k => !TriggerParts.Contains(k.Value ?? "")))
        {
            var closest = MapReader.ClosestKey(key.Value ?? "", allowed);
            if (key.Value is { } text && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && allowed.Contains(text[..colon]))
            {
                // { event:a.b } in flow style: with no space after the ':', YAML reads one key 'event:a.b' with no value.
                source.Diagnostics.Error(source.At(key), ErrorCodes.UnknownKey,
                    $"unknown trigger kind '{text}' in {what}: with no space after the ':', YAML reads it as one key, not as '{text[..colon]}' and its value",
                    $"put a space after the ':': {text[..colon]}: {text[(colon + 1)..]}");
                kindless = false;
                continue;
            }

            source.Diagnostics.Error(source.At(key), ErrorCodes.UnknownKey,
                closest is null ? $"unknown trigger kind '{key.Value}' in {what}" : $"unknown trigger kind '{key.Value}' in {what}; did you mean '{closest}'?",
                $"a trigger has exactly one of: {string.Join(", ", allowed)}");
            kindless = false;
        }

        if (kindless)
        {
            source.Diagnostics.Error(source.At(map), ErrorCodes.KindCount, $"{what} names no trigger kind",
                $"a trigger has exactly one of: {string.Join(", ", allowed)}");
        }
    }

    private static EventTrigger? ReadEvent(YamlSource source, YamlMappingNode map, string what)
    {
        var reader = new MapReader(source, map, $"{what} (event trigger)", Keys.EventTrigger);
        var type = reader.EventType("event", required: true);
        var where = reader.Expression("where", Roots.EventFilter, ExprType.Bool);
        return type is null ? null : new EventTrigger(type, where, reader.Location);
    }

    private static CountTrigger? ReadCount(YamlSource source, MapReader outer)
    {
        var map = outer.Mapping("count", required: true);
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(source, map, "count trigger", Keys.CountTrigger);
        var type = reader.EventType("event", required: true);
        var where = reader.Expression("where", Roots.EventFilter, ExprType.Bool);
        var atLeast = reader.Int("at_least", min: 1);
        var atMost = reader.Int("at_most", min: 0);
        var within = reader.Duration("within", out var written, required: true);
        if (reader.Has("at_least") == reader.Has("at_most"))
        {
            source.Diagnostics.Error(reader.Location, ErrorCodes.ConflictingKeys,
                reader.Has("at_least") ? "count trigger has both 'at_least' and 'at_most'" : "count trigger needs 'at_least' or 'at_most'",
                "write exactly one of at_least: N or at_most: N");
            return null;
        }

        return type is null || within is null || (atLeast is null && atMost is null)
            ? null
            : new CountTrigger(type, where, atLeast, atMost, within.Value, outer.Location) { WithinWritten = written };
    }

    private static ThresholdTrigger? ReadThreshold(YamlSource source, MapReader outer)
    {
        var map = outer.Mapping("threshold", required: true);
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(source, map, "threshold trigger", Keys.ThresholdTrigger);
        var value = reader.Expression("value", Roots.Traits, ExprType.Number, required: true);
        var below = reader.Number("below");
        var above = reader.Number("above");
        var duration = reader.Duration("for", out var written, required: true);
        if (reader.Has("below") == reader.Has("above"))
        {
            source.Diagnostics.Error(reader.Location, ErrorCodes.ConflictingKeys,
                reader.Has("below") ? "threshold trigger has both 'below' and 'above'" : "threshold trigger needs 'below' or 'above'",
                "write exactly one of below: NUMBER or above: NUMBER");
            return null;
        }

        return value is null || duration is null || (below is null && above is null)
            ? null
            : new ThresholdTrigger(value, below, above, duration.Value, outer.Location) { ForWritten = written };
    }

    private static MilestoneTrigger? ReadMilestone(YamlSource source, YamlMappingNode map, string what)
    {
        var reader = new MapReader(source, map, $"{what} (milestone trigger)", Keys.MilestoneTrigger);
        var id = reader.Scalar("milestone", required: true, "a milestone id");
        var status = reader.Enum<MilestoneStatus>("is", MilestoneStates, required: true);
        if (id?.Value is not { } text)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length > 2 || !parts.All(p => NodeRules.Id().IsMatch(p)))
        {
            source.Diagnostics.Error(source.ContentAt(id), ErrorCodes.BadId, $"'{text}' is not a valid milestone id",
                "name a milestone of this playbook by its id, or another playbook's as playbook-id/milestone-id");
            return null;
        }

        // Unqualified ids are resolved against the enclosing playbook by the validator, which knows it. A wrong `is`
        // is an error already (so the set never runs); the milestone is still checked, so both mistakes are reported.
        return new MilestoneTrigger(text, status ?? MilestoneStatus.Reached, source.ContentAt(id));
    }

    private static StageTrigger? ReadStage(YamlSource source, YamlMappingNode map, string what)
    {
        var reader = new MapReader(source, map, $"{what} (stage trigger)", Keys.StageTrigger);
        var id = reader.Id("stage", required: true, "stage id");
        reader.Enum<MilestoneStatus>("is", StageStates);
        var stuck = reader.Duration("stuck_for", out var written);
        if (reader.Has("is") == reader.Has("stuck_for"))
        {
            source.Diagnostics.Error(reader.Location, ErrorCodes.ConflictingKeys,
                reader.Has("is") ? "stage trigger has both 'is' and 'stuck_for'" : "stage trigger needs 'is: entered' or 'stuck_for: DURATION'");
            return null;
        }

        return id is null || (reader.Has("stuck_for") && stuck is null) ? null : new StageTrigger(id, stuck, reader.KeyAt("stage")) { StuckForWritten = written };
    }

    private static ScheduleTrigger? ReadSchedule(YamlSource source, MapReader outer)
    {
        var map = outer.Mapping("schedule", required: true);
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(source, map, "schedule trigger", Keys.ScheduleTrigger);
        var date = reader.Expression("date", Roots.Traits, ExprType.Time, required: true);
        string? written = null;
        var offset = reader.Has("offset") ? reader.Duration("offset", out written, allowNegative: true) : TimeSpan.Zero;
        return date is null || offset is null ? null : new ScheduleTrigger(date, offset.Value, outer.Location) { OffsetWritten = written };
    }
}
