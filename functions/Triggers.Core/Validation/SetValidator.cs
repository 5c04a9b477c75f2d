using Triggers.Core.Diagnostics;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// Checks what no single file can: unique ids across the directory, references between playbooks,
/// journeys, targets and tests, and milestone ids made fully qualified for the engine.
/// </summary>
internal static class SetValidator
{
    /// <summary>
    /// Checks <paramref name="set"/>; names that <paramref name="unread"/> files seem to define are not reported as
    /// unknown, as those files' own errors are what to fix.
    /// </summary>
    public static PlaybookSet Validate(PlaybookSet set, DiagnosticBag diagnostics, UnreadFiles? unread = null)
    {
        unread ??= UnreadFiles.None;
        Unique(set.Playbooks, p => p.Id, p => p.IdLocation, "playbook", diagnostics);
        Unique(set.Journeys, j => j.Id, j => j.IdLocation, "journey", diagnostics);
        Unique(set.Journeys.SelectMany(j => j.Stages), s => s.Id, s => s.Location, "stage", diagnostics);
        Unique(set.Targets, t => t.Name, t => t.Location, "webhook target", diagnostics);
        foreach (var playbook in set.Playbooks)
        {
            Unique(playbook.Rules, r => r.Id, r => r.Location, $"rule in playbook '{playbook.Id}'", diagnostics);
            Unique(playbook.Milestones, m => m.Id, m => m.Location, $"milestone in playbook '{playbook.Id}'", diagnostics);
        }

        foreach (var journey in set.Journeys)
        {
            Unique(journey.Touchpoints, t => t.Id, t => t.Location, $"touchpoint in journey '{journey.Id}'", diagnostics);
        }

        var references = new References(set, diagnostics, unread);
        var playbooks = set.Playbooks.Select(references.Resolve).ToList();
        var journeys = set.Journeys.Select(references.Resolve).ToList();
        references.CheckTests(set.Tests, playbooks);
        var resolved = set with { Playbooks = playbooks, Journeys = journeys };
        EmitLoopCheck.Check(resolved, diagnostics);
        EmitDepthCheck.Check(resolved, diagnostics);
        EventTypeCheck.Check(resolved, diagnostics, unread);
        return resolved;
    }

    private static void Unique<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceLocation> at, string what, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item);
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Error(at(item), ErrorCodes.DuplicateId, $"duplicate {what} id '{key}'",
                    $"first defined at {first}; ids must be unique");
            }
            else
            {
                seen[key] = at(item);
            }
        }
    }
}
