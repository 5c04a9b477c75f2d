using System.Buffers;
using Triggers.Core.Diagnostics;
using Triggers.Core.Expressions;
using Triggers.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Triggers.Core.Loading;

/// <summary>Reads a playbook file: its header, milestones and rules.</summary>
internal static class PlaybookReader
{
    private static readonly string[] AnyTrigger = Keys.TriggerKinds;

    public static Playbook? Read(YamlSource source, YamlMappingNode root)
    {
        var reader = new MapReader(source, root, "playbook", Keys.Playbook);
        var id = reader.Id("playbook", required: true, "playbook id");
        var description = reader.String("description");
        var stage = reader.Id("stage", what: "stage id");
        var appliesTo = reader.Expression("applies_to", Roots.Segment, ExprType.Bool);
        // An id that breaks the rules is reported, and the text as written stands in for it, so the rest of the file
        // is still checked in the same run.
        var playbookId = id ?? AsWritten(reader, "playbook") ?? "?";
        var milestones = ReadList(reader, "milestones", "milestone", (s, m) => ReadMilestone(s, m, playbookId));
        var rules = ReadList(reader, "rules", "rule", (s, m) => ReadRule(s, m, playbookId), required: true);
        if (reader.Get("rules") is YamlSequenceNode { Children.Count: 0 } && id is not null)
        {
            source.Diagnostics.Warning(reader.KeyAt("rules"), ErrorCodes.NoRules, $"playbook '{id}' has no rules, so it never acts");
        }

        if (appliesTo is not null && appliesTo.Compiled.Paths.Any(p => p == "user" || p.StartsWith("user.", StringComparison.Ordinal) || p.StartsWith("user[", StringComparison.Ordinal)) &&
            rules.FirstOrDefault(r => WithoutUser(r.When) is not null) is { } clocked)
        {
            source.Diagnostics.Warning(appliesTo.Location, Expressions.ExpressionCodes.AlwaysNull,
                $"applies_to reads user, which is null for rule '{clocked.Id}': {WithoutUser(clocked.When)}, with no user, so that rule never applies",
                "segment on the account's traits (account.plan), or put the user's condition in the where of the rules triggered by a user's event");
        }
        return playbookId == "?"
            ? null
            : new Playbook(playbookId, description, stage, appliesTo, milestones, rules, reader.KeyAt("playbook")) { StageLocation = reader.ValueAt("stage"), IdLocation = reader.ValueAt("playbook") };
    }

    /// <summary>What fires a rule with no user to read, for the applies_to warning; null when a user's event may fire it.</summary>
    private static string? WithoutUser(Trigger? when) => when switch
    {
        ScheduleTrigger => "a schedule falls due from the clock",
        CountTrigger { AtMost: not null } => "a count that stays at_most falls due from the clock",
        ThresholdTrigger => "a threshold follows the account's traits",
        StageTrigger { StuckFor: not null } => "a stage overstayed falls due from the clock",
        _ => null,
    };

    /// <summary>A key's text as written, when it is a non-empty scalar (the stand-in for an id reported as invalid).</summary>
    internal static string? AsWritten(MapReader reader, string key) =>
        reader.Get(key) is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;

    public static List<T> ReadList<T>(MapReader reader, string key, string what, Func<YamlSource, YamlMappingNode, T?> read, bool required = false)
        where T : class
    {
        var items = new List<T>();
        if (reader.Sequence(key, required) is not { } list)
        {
            return items;
        }

        foreach (var node in list.Children)
        {
            if (node is not YamlMappingNode map)
            {
                reader.Source.Diagnostics.Error(reader.Source.At(node), ErrorCodes.WrongType,
                    $"each item of '{key}' must be {("aeiou".Contains(what[0], StringComparison.Ordinal) ? "an" : "a")} {what} (a mapping), not {YamlSource.Describe(node)}");
                continue;
            }

            if (read(reader.Source, map) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static Milestone? ReadMilestone(YamlSource source, YamlMappingNode map, string playbookId)
    {
        var reader = new MapReader(source, map, "milestone", Keys.Milestone);
        var id = reader.Id("id", required: true, "milestone id") ?? AsWritten(reader, "id");
        var description = reader.String("description");
        var reached = TriggerReader.Read(source, reader.Get("reached_when", required: true), "reached_when", AnyTrigger);
        var success = ReadEventMatch(reader, "success", required: true, partial: true);
        // Kept with what could be read (errors reported), so its duplicates and references are still checked.
        return id is null
            ? null
            : new Milestone(playbookId, id, description, reached ?? new UnreadTrigger(reader.Location), success ?? EventMatch.Unread(reader.Location), reader.ValueAt("id"));
    }

    private static Rule? ReadRule(YamlSource source, YamlMappingNode map, string playbookId)
    {
        var reader = new MapReader(source, map, "rule", Keys.Rule);
        var id = reader.Id("id", required: true, "rule id") ?? AsWritten(reader, "id");
        var description = reader.String("description");
        var when = TriggerReader.Read(source, reader.Get("when", required: true), "when", AnyTrigger);
        var roots = Roots.OfRule(when);
        var where = reader.Expression("where", roots, ExprType.Bool);
        var unless = ReadEventMatch(reader, "unless", roots: Roots.OfUnless(when));
        var actions = reader.Sequence("do", required: true) is { } list ? ActionReader.ReadAll(source, list, roots) : [];
        var limit = ReadLimit(reader);
        var quiet = ReadQuietHours(reader, Roots.OfQuietHoursZone(when));
        // A rule with a part that could not be read (its error is reported) is kept with the parts that could, so its
        // id, references and targets are still checked in the same run; a set with errors never runs.
        return id is null
            ? null
            : new Rule(playbookId, id, description, when ?? new UnreadTrigger(reader.Location), where, unless, actions, limit, quiet, reader.ValueAt("id"));
    }

    /// <summary>
    /// An event match (<c>unless</c>, <c>success</c>); with <paramref name="partial"/>, also one whose window could not be
    /// read (its error reported, so the set never runs), for a milestone that must still exist for the rules naming it.
    /// </summary>
    private static EventMatch? ReadEventMatch(MapReader outer, string key, bool required = false, ExpressionRoots roots = Roots.Everything, bool partial = false)
    {
        var map = outer.Mapping(key, required);
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(outer.Source, map, key, Keys.EventMatch);
        var type = reader.EventType("event", required: true);
        var where = reader.Expression("where", roots, ExprType.Bool);
        var within = reader.Duration("within", out var written, required: true);
        return type is null || (within is null && !partial) ? null : new EventMatch(type, where, within ?? TimeSpan.Zero, reader.Location) { WithinWritten = written };
    }

    private static Limit? ReadLimit(MapReader outer)
    {
        var map = outer.Mapping("limit");
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(outer.Source, map, "limit", Keys.Limit);
        var max = reader.Int("max", required: true, min: 1);
        var per = reader.Duration("per", out var written, required: true);
        return max is null || per is null ? null : new Limit(max.Value, per.Value, reader.Location) { PerWritten = written };
    }

    private static QuietHours? ReadQuietHours(MapReader outer, ExpressionRoots zoneRoots)
    {
        var map = outer.Mapping("quiet_hours");
        if (map is null)
        {
            return null;
        }

        var reader = new MapReader(outer.Source, map, "quiet_hours", Keys.QuietHours);
        var from = TimeOfDay(reader, "from");
        var to = TimeOfDay(reader, "to");
        string? zone = null;
        Expr? zoneExpression = null;
        if (reader.Scalar("timezone", required: true) is { Value: { } text } zoneNode)
        {
            if (IsZoneExpression(text))
            {
                zoneExpression = reader.Expression("timezone", zoneRoots, ExprType.String); // a zone name: a condition here would always mean UTC
            }
            else if (TimeZones.TryFind(text, out _))
            {
                zone = text;
            }
            else
            {
                outer.Source.Diagnostics.Error(outer.Source.ContentAt(zoneNode), ErrorCodes.UnknownTimeZone,
                    $"unknown time zone '{text}'", TimeZones.Closest(text) is { } closest
                        ? $"did you mean {closest}? (an IANA name, or a trait such as account.timezone)"
                        : "use an IANA name such as Europe/Berlin, or a trait such as account.timezone");
            }
        }

        if (from == to && from is not null)
        {
            outer.Source.Diagnostics.Error(reader.Location, ErrorCodes.BadTimeOfDay, "quiet_hours 'from' and 'to' are the same time",
                "the quiet period would be empty; e.g. from: \"20:00\", to: \"08:00\"");
            return null;
        }

        return from is null || to is null || (zone is null && zoneExpression is null)
            ? null
            : new QuietHours(from.Value, to.Value, zone, zoneExpression, reader.Location);
    }

    /// <summary>
    /// A time zone is read as an expression when it could not be a zone name: IANA names are letters, digits, '/',
    /// '_', '-' and '+', never a '.', a bracket or a space. So <c>coalesce(user.timezone, account.timezone)</c> and
    /// <c>account["time-zone"]</c> are expressions, as the reference promises, while a misspelt name such as
    /// <c>Europe/Berln</c> stays an unknown time zone (TRG017) rather than a division of two unknown names.
    /// </summary>
    private static bool IsZoneExpression(string text) => text.AsSpan().Trim().IndexOfAny(NotInZoneNames) >= 0;

    private static readonly SearchValues<char> NotInZoneNames = SearchValues.Create(".([\"' ");

    private static TimeOnly? TimeOfDay(MapReader reader, string key)
    {
        if (reader.Scalar(key, required: true, "a time of day such as \"20:00\"") is not { Value: { } text } node)
        {
            return null;
        }

        if (NodeRules.TryParseTimeOfDay(text, out var time))
        {
            return time;
        }

        reader.Source.Diagnostics.Error(reader.Source.ContentAt(node), ErrorCodes.BadTimeOfDay,
            $"'{text}' is not a time of day", "write 24-hour time in quotes, e.g. \"20:00\"");
        return null;
    }
}
