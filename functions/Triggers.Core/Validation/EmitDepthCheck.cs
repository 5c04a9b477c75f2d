using Triggers.Core.Diagnostics;
using Triggers.Core.Engine;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// Rejects <c>emit</c> chains longer than the engine follows at one instant (<see cref="JourneyEngine.MaxEmitDepth"/>
/// emits): without a loop they pass <see cref="EmitLoopCheck"/>, and at run time the emit past the limit would only be
/// suppressed. A timer breaks a chain (a hold, a schedule, an <c>unless</c> window): what follows it starts a new one.
/// </summary>
internal static class EmitDepthCheck
{
    public static void Check(PlaybookSet set, DiagnosticBag diagnostics)
    {
        var graph = SignalGraph.Build(set);
        var longest = new Dictionary<string, (int Emits, SignalGraph.Edge? Next)>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<EmitAction>(ReferenceEqualityComparer.Instance);

        // The most emits one instant can chain from a signal on (loops count once: TRG013 reports them).
        int Emits(string node)
        {
            if (longest.TryGetValue(node, out var known))
            {
                return known.Emits;
            }

            if (!visiting.Add(node))
            {
                return 0;
            }

            (int Emits, SignalGraph.Edge? Next) best = (0, null);
            foreach (var edge in graph.GetValueOrDefault(node) ?? [])
            {
                var emits = edge.Delayed ? 0 : (edge.Emit is null ? 0 : 1) + Emits(edge.To);
                if (emits > best.Emits)
                {
                    best = (emits, edge);
                }
            }

            visiting.Remove(node);
            longest[node] = best;
            return best.Emits;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Emits(node) > JourneyEngine.MaxEmitDepth)
            {
                Report(node, [SignalGraph.Name(node)], emitted: 0);
            }
        }

        // An emit that waits for a timer is the first of a new chain.
        foreach (var edge in graph.Values.SelectMany(edges => edges).Where(e => e.Delayed && e.Emit is not null))
        {
            if (1 + Emits(edge.To) > JourneyEngine.MaxEmitDepth)
            {
                Report(edge.To, [$"{edge.Rule!.QualifiedId} (after its timer)", SignalGraph.Name(edge.To)], emitted: 1);
            }
        }

        void Report(string node, List<string> chain, int emitted)
        {
            while (longest.GetValueOrDefault(node).Next is { } edge)
            {
                chain.Add(SignalGraph.Name(edge.To));
                if (edge.Emit is not null && ++emitted > JourneyEngine.MaxEmitDepth)
                {
                    if (reported.Add(edge.Emit))
                    {
                        diagnostics.Error(edge.Emit.Location, ErrorCodes.EmitTooDeep,
                            $"rule '{edge.Rule!.QualifiedId}' emits '{edge.Emit.EventType}' as emit {emitted} of one chain " +
                            $"({string.Join(" -> ", chain)}): the engine follows at most {JourneyEngine.MaxEmitDepth} emits at one instant, " +
                            "so this one would be suppressed (reason emit-depth)",
                            "shorten the chain: let a rule listen to an earlier event of it, or act directly instead of emitting");
                    }

                    return;
                }

                node = edge.To;
            }
        }
    }
}
