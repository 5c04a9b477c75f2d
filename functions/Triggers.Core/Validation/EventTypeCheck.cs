using Triggers.Core.Diagnostics;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// Warns when a playbook listens for an event type nothing produces: no journey maps it, no rule emits it and
/// it is not one of the built-in types. Almost always a typo (<c>user.loged_in</c>) that would never fire.
/// </summary>
internal static class EventTypeCheck
{
    private static readonly string[] BuiltIn = ["account.updated", "user.updated", "email.unsubscribed", "email.bounced"];

    public static void Check(PlaybookSet set, DiagnosticBag diagnostics, UnreadFiles unread)
    {
        if (set.Journeys.Count == 0)
        {
            return; // Without journeys there is no catalogue to compare against.
        }

        var known = new HashSet<string>(BuiltIn, StringComparer.Ordinal);
        known.UnionWith(set.Journeys.SelectMany(j => j.Touchpoints).SelectMany(t => t.Events));
        known.UnionWith(set.Journeys.SelectMany(j => j.Stages).Select(s => s.EnteredWhen).OfType<EventTrigger>().Select(e => e.EventType));
        known.UnionWith(set.Playbooks.SelectMany(p => p.Rules).SelectMany(r => r.Actions).OfType<EmitAction>().Select(e => e.EventType));

        foreach (var (type, at) in Listened(set).Where(l => !known.Contains(l.Type) && !unread.EventType(l.Type)))
        {
            var closest = Suggest.Closest(type, known);
            diagnostics.Warning(at, ErrorCodes.UnknownEventType,
                $"no journey touchpoint, stage or emit produces event type '{type}'{(closest is null ? "" : $"; did you mean '{closest}'?")}",
                "add it to a journey's touchpoints if it is a real event, so reports count it");
        }
    }

    private static IEnumerable<(string Type, SourceLocation At)> Listened(PlaybookSet set)
    {
        foreach (var playbook in set.Playbooks)
        {
            foreach (var milestone in playbook.Milestones)
            {
                foreach (var item in FromTrigger(milestone.ReachedWhen))
                {
                    yield return item;
                }

                if (!milestone.Success.IsUnread)
                {
                    yield return (milestone.Success.EventType, milestone.Success.Location);
                }
            }

            foreach (var rule in playbook.Rules)
            {
                foreach (var item in FromTrigger(rule.When))
                {
                    yield return item;
                }

                if (rule.Unless is { } unless)
                {
                    yield return (unless.EventType, unless.Location);
                }
            }
        }
    }

    private static IEnumerable<(string, SourceLocation)> FromTrigger(Trigger trigger) => trigger switch
    {
        EventTrigger e => [(e.EventType, e.Location)],
        CountTrigger c => [(c.EventType, c.Location)],
        _ => [],
    };
}
