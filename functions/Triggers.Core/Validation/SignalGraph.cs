using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// What a trigger listens to, as a signal name: <c>event:TYPE</c>, <c>milestone:ID</c> or <c>stage:ID</c>.
/// Thresholds and schedules read traits, so they listen to <c>account.updated</c>.
/// </summary>
internal static class SignalGraph
{
    /// <summary>
    /// One way a signal leads to another: through a milestone or a stage, or through a rule's <c>emit</c>.
    /// <paramref name="Delayed"/> when it always waits for a timer (a hold, a schedule, a window): the engine then
    /// continues from the timer, not within the instant of the signal that started it.
    /// </summary>
    public sealed record Edge(string To, EmitAction? Emit, Rule? Rule, bool Delayed);

    public static string? Source(Trigger trigger) => trigger switch
    {
        EventTrigger e => Event(e.EventType),
        CountTrigger c => Event(c.EventType),
        MilestoneTrigger m => $"milestone:{m.MilestoneId}",
        StageTrigger s => $"stage:{s.StageId}",
        ThresholdTrigger or ScheduleTrigger => Event("account.updated"),
        _ => null,
    };

    public static string Event(string type) => $"event:{type}";

    /// <summary>Whether a trigger fires only when a timer falls due, never at the instant of its signal.</summary>
    public static bool Waits(Trigger trigger) => trigger switch
    {
        ThresholdTrigger or ScheduleTrigger => true,
        CountTrigger c => c.AtMost is not null,
        StageTrigger s => s.StuckFor is not null,
        MilestoneTrigger m => m.Is == MilestoneStatus.Failed,
        _ => false,
    };

    /// <summary>Every edge from each signal, in the order the files list milestones, stages and rules.</summary>
    public static Dictionary<string, List<Edge>> Build(PlaybookSet set)
    {
        var graph = new Dictionary<string, List<Edge>>(StringComparer.Ordinal);
        void Add(string? from, Edge edge)
        {
            if (from is null)
            {
                return;
            }

            if (!graph.TryGetValue(from, out var list))
            {
                graph[from] = list = [];
            }

            list.Add(edge);
        }

        foreach (var milestone in set.Playbooks.SelectMany(p => p.Milestones))
        {
            var node = $"milestone:{milestone.QualifiedId}";
            Add(Source(milestone.ReachedWhen), new(node, null, null, Waits(milestone.ReachedWhen)));
            if (!milestone.Success.IsUnread)
            {
                Add(Event(milestone.Success.EventType), new(node, null, null, Delayed: false));
            }
        }

        foreach (var stage in set.Journeys.SelectMany(j => j.Stages))
        {
            Add(Source(stage.EnteredWhen), new($"stage:{stage.Id}", null, null, Waits(stage.EnteredWhen)));
        }

        foreach (var rule in set.Playbooks.SelectMany(p => p.Rules))
        {
            foreach (var emit in rule.Actions.OfType<EmitAction>())
            {
                Add(Source(rule.When), new(Event(emit.EventType), emit, rule, Waits(rule.When) || rule.Unless is not null));
            }
        }

        return graph;
    }

    /// <summary>The id a node names, without its kind (<c>event:a.b</c> is <c>a.b</c>).</summary>
    public static string Name(string node) => node[(node.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
