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
    public static void Check(PlaybookSet set, DiagnosticBag diagnostics)
    {
        var graph = SignalGraph.Build(set);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<(string Node, SignalGraph.Edge? Via)>();
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(node, null);
        }

        void Visit(string node, SignalGraph.Edge? via)
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

        void Report(string node, SignalGraph.Edge? closing)
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
            var chain = string.Join(" -> ", cycle.Select(p => SignalGraph.Name(p.Node)).Append(SignalGraph.Name(node)));
            diagnostics.Error(first.Emit!.Location, ErrorCodes.EmitLoop,
                $"rule '{first.Rule!.QualifiedId}' emits '{first.Emit.EventType}', which leads back to itself: {chain}",
                "the check follows event types, not conditions, so a where that ends the chain does not pass it: emit an event type that leads nowhere back (give the next step a type of its own)");
        }
    }
}
