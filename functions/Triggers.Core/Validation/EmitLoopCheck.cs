using Triggers.Core.Diagnostics;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// Rejects <c>emit</c> chains that can feed themselves: an emitted event that (through rules, milestones
/// or stages) leads back to the rule that emitted it would fire forever at one instant.
/// </summary>
internal static class EmitLoopCheck
{
    private sealed record Edge(string To, EmitAction? Emit, Rule? Rule);

    public static void Check(PlaybookSet set, DiagnosticBag diagnostics)
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
            Add(SignalGraph.Source(milestone.ReachedWhen), new($"milestone:{milestone.QualifiedId}", null, null));
            Add(SignalGraph.Event(milestone.Success.EventType), new($"milestone:{milestone.QualifiedId}", null, null));
        }

        foreach (var stage in set.Journeys.SelectMany(j => j.Stages))
        {
            Add(SignalGraph.Source(stage.EnteredWhen), new($"stage:{stage.Id}", null, null));
        }

        foreach (var rule in set.Playbooks.SelectMany(p => p.Rules))
        {
            foreach (var emit in rule.Actions.OfType<EmitAction>())
            {
                Add(SignalGraph.Source(rule.When), new(SignalGraph.Event(emit.EventType), emit, rule));
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<(string Node, Edge? Via)>();
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(node, null);
        }

        void Visit(string node, Edge? via)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return;
            }

            if (state.GetValueOrDefault(node) == 1)
            {
                Report(node, via);
                return;
            }

            state[node] = 1;
            path.Add((node, via));
            foreach (var edge in graph.GetValueOrDefault(node) ?? [])
            {
                Visit(edge.To, edge);
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        void Report(string node, Edge? closing)
        {
            var start = path.FindIndex(p => p.Node == node);
            var cycle = path.Skip(start).ToList();
            var emits = cycle.Skip(1).Select(p => p.Via).Append(closing).Where(e => e?.Emit is not null).ToList();
            var key = string.Join(",", cycle.Select(p => p.Node).Order(StringComparer.Ordinal));
            if (emits.Count == 0 || !reported.Add(key))
            {
                return;
            }

            var first = emits[0]!;
            var chain = string.Join(" -> ", cycle.Select(p => Name(p.Node)).Append(Name(node)));
            diagnostics.Error(first.Emit!.Location, ErrorCodes.EmitLoop,
                $"rule '{first.Rule!.QualifiedId}' emits '{first.Emit.EventType}', which leads back to itself: {chain}",
                "emit a different event type, or narrow the listening rule so the chain ends");
        }
    }

    private static string Name(string node) => node[(node.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
