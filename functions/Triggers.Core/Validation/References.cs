using Triggers.Core.Diagnostics;
using Triggers.Core.Loading;
using Triggers.Core.Model;

namespace Triggers.Core.Validation;

/// <summary>
/// Resolves and checks names that point elsewhere: stages, milestones, webhook targets, rules in tests. A name that an
/// unreadable file seems to define is not reported: the file's own error says what to fix, and the name may well be right.
/// </summary>
internal sealed class References(PlaybookSet set, DiagnosticBag diagnostics, UnreadFiles unread)
{
    private readonly HashSet<string> _stages = [.. set.Journeys.SelectMany(j => j.Stages).Select(s => s.Id)];
    private readonly HashSet<string> _targets = [.. set.Targets.Select(t => t.Name)];
    private readonly HashSet<string> _milestones = [.. set.Playbooks.SelectMany(p => p.Milestones).Select(m => m.QualifiedId)];
    private readonly HashSet<string> _playbooks = [.. set.Playbooks.Select(p => p.Id)];

    public Playbook Resolve(Playbook playbook)
    {
        Stage(playbook.Stage, playbook.StageLocation);
        var milestones = playbook.Milestones.Select(m => m with { ReachedWhen = Trigger(m.ReachedWhen, playbook.Id) }).ToList();
        var rules = playbook.Rules.Select(r => Rule(r, playbook.Id)).ToList();
        return playbook with { Milestones = milestones, Rules = rules };
    }

    public Journey Resolve(Journey journey)
    {
        var own = journey.Stages.Select(s => s.Id).ToHashSet();
        foreach (var touchpoint in journey.Touchpoints.Where(t => t.Stage is not null && !own.Contains(t.Stage)))
        {
            diagnostics.Error(touchpoint.Location, ErrorCodes.UnknownStage,
                $"touchpoint '{touchpoint.Id}' names stage '{touchpoint.Stage}', which journey '{journey.Id}' does not have",
                Listing(touchpoint.Stage!, own, $"journey '{journey.Id}' has the stages", $"journey '{journey.Id}' has no stages"));
        }

        return journey with { Stages = [.. journey.Stages.Select(s => s with { EnteredWhen = Trigger(s.EnteredWhen, null) })] };
    }

    public void CheckTests(IEnumerable<PlaybookTest> tests, IReadOnlyList<Playbook> playbooks)
    {
        var rules = playbooks.SelectMany(p => p.Rules).Select(r => r.QualifiedId).ToHashSet();
        foreach (var test in tests)
        {
            var names = test.Playbooks ?? [];
            for (var i = 0; i < names.Count; i++)
            {
                var id = names[i];
                if (!_playbooks.Contains(id) && !unread.Playbook(id))
                {
                    diagnostics.Error(i < test.PlaybookLocations.Count ? test.PlaybookLocations[i] : test.Location, ErrorCodes.UnknownPlaybook, $"test '{test.Name}' names playbook '{id}', which does not exist", Listing(id, _playbooks, "the playbooks are", "there are no playbooks"));
                }
            }

            foreach (var expectation in test.Expect)
            {
                CheckExpectation(expectation, rules);
            }
        }
    }

    private void CheckExpectation(Expectation expectation, HashSet<string> rules)
    {
        if (expectation.Fields.TryGetValue("rule", out var rule) && !rules.Contains(rule) && !unread.InPlaybook(rule))
        {
            diagnostics.Error(expectation.At("rule"), ErrorCodes.UnknownRule, $"expected rule '{rule}' does not exist",
                Hint(rule, rules) ?? Qualified(rule, rules, "rule"));
        }

        if (expectation.Fields.TryGetValue("milestone", out var milestone) && !_milestones.Contains(milestone) &&
            !_milestones.Any(m => m.EndsWith($"/{milestone}", StringComparison.Ordinal)) && !unread.InPlaybook(milestone))
        {
            diagnostics.Error(expectation.At("milestone"), ErrorCodes.UnknownMilestone, $"expected milestone '{milestone}' does not exist",
                Hint(milestone, _milestones) ?? Qualified(milestone, _milestones, "milestone"));
        }

        if (expectation.Fields.TryGetValue("stage", out var stage))
        {
            Stage(stage, expectation.At("stage"));
        }
    }

    private Rule Rule(Rule rule, string playbookId)
    {
        foreach (var webhook in rule.Actions.OfType<WebhookAction>().Where(w => !_targets.Contains(w.Target) && !unread.Target(w.Target)))
        {
            diagnostics.Error(webhook.Location, ErrorCodes.UnknownTarget, $"webhook target '{webhook.Target}' is not defined",
                Hint(webhook.Target, _targets) ?? "add it under targets: in webhooks.yaml, beside the playbooks");
        }

        return rule with { When = Trigger(rule.When, playbookId) };
    }

    private Trigger Trigger(Trigger trigger, string? playbookId)
    {
        switch (trigger)
        {
            case StageTrigger stage:
                Stage(stage.StageId, stage.Location);
                return trigger;
            case MilestoneTrigger milestone:
                return milestone with { MilestoneId = Milestone(milestone.MilestoneId, playbookId, milestone.Location) };
            default:
                return trigger;
        }
    }

    private string Milestone(string id, string? playbookId, SourceLocation at)
    {
        if (id.Contains('/', StringComparison.Ordinal))
        {
            if (!_milestones.Contains(id) && !unread.InPlaybook(id))
            {
                diagnostics.Error(at, ErrorCodes.UnknownMilestone, $"milestone '{id}' does not exist", Listing(id, _milestones, "the milestones are", "no playbook defines a milestone"));
            }

            return id;
        }

        if (playbookId is not null && _milestones.Contains($"{playbookId}/{id}"))
        {
            return $"{playbookId}/{id}";
        }

        // From a journey (or another playbook) a bare id is fine when exactly one playbook defines it.
        var matches = _milestones.Where(m => m.EndsWith($"/{id}", StringComparison.Ordinal)).ToList();
        if (matches.Count == 1 && playbookId is null)
        {
            return matches[0];
        }

        if (matches.Count == 0 && playbookId is null && unread.InPlaybook(id))
        {
            return id; // presumably that unreadable playbook's; the set has errors, so it never runs
        }

        var message = matches.Count > 1
            ? $"milestone '{id}' is defined by several playbooks ({string.Join(", ", matches)}); qualify it"
            : $"milestone '{id}' does not exist{(playbookId is null ? "" : $" in playbook '{playbookId}'")}";
        diagnostics.Error(at, ErrorCodes.UnknownMilestone, message,
            matches.Count == 1 ? $"it is defined in another playbook: write {matches[0]}"
            : matches.Count > 1 ? $"write one of: {string.Join(", ", matches)}"
            : Listing(id, OwnMilestones(playbookId), playbookId is null ? "the milestones are" : $"playbook '{playbookId}' has the milestones",
                playbookId is null ? "no playbook defines a milestone" : $"playbook '{playbookId}' defines no milestones"));
        return id;
    }

    private void Stage(string? id, SourceLocation at)
    {
        if (id is null || _stages.Contains(id) || unread.Stage(id))
        {
            return;
        }

        // A directory without journeys has no stage catalogue yet (a playbook checked on its own): warn, don't fail.
        var message = $"stage '{id}' is not defined by any journey";
        if (set.Journeys.Count == 0)
        {
            diagnostics.Warning(at, ErrorCodes.UnknownStage, message, "add a journey file under journeys/ that names it");
        }
        else
        {
            diagnostics.Error(at, ErrorCodes.UnknownStage, message, Listing(id, _stages, "the journeys' stages are", "the journeys define no stages"));
        }
    }

    /// <summary>
    /// The name most likely meant: a near spelling, else the one qualified name that ends in it (<c>immediate</c> for
    /// <c>admin-invites/immediate</c>), else the one name it begins (<c>slack</c> for <c>slack-alerts</c>).
    /// </summary>
    private static string? Hint(string id, IEnumerable<string> known)
    {
        var names = known as ICollection<string> ?? [.. known];
        if (id.Split('/') is [var playbook, var bare] && names.Where(n => n.StartsWith($"{playbook}/", StringComparison.Ordinal)).ToList() is { Count: > 0 } own)
        {
            // A playbook that exists: the rest is compared with its own names (its id would make any two of them look alike).
            return Suggest.Closest(bare, own.Select(n => n[(playbook.Length + 1)..])) is { } near ? $"did you mean '{playbook}/{near}'?" : null;
        }

        var meant = Suggest.Closest(id, names)
                    ?? OnlyOne(names.Where(n => n.EndsWith($"/{id}", StringComparison.Ordinal)))
                    ?? (id.Length >= 3 ? OnlyOne(names.Where(n => n.StartsWith(id, StringComparison.Ordinal))) : null);
        return meant is null ? null : $"did you mean '{meant}'?";
    }

    private static string? OnlyOne(IEnumerable<string> names)
    {
        string? one = null;
        foreach (var name in names)
        {
            if (one is not null)
            {
                return null;
            }

            one = name;
        }

        return one;
    }

    /// <summary>For a test's rule or milestone that exists nowhere: how to name one, or what the playbook it names has.</summary>
    private string Qualified(string id, IEnumerable<string> known, string what)
    {
        if (id.Split('/') is not [var playbook, _])
        {
            return $"name {what}s as playbook-id/{what}-id";
        }

        var own = known.Where(n => n.StartsWith($"{playbook}/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return !_playbooks.Contains(playbook) ? $"there is no playbook '{playbook}'{(Hint(playbook, _playbooks) is { } meant ? $"; {meant}" : "")}"
            : own.Count == 0 ? $"playbook '{playbook}' has no {what}s"
            : $"playbook '{playbook}' has {what}s {string.Join(", ", own.Take(12).Select(n => n[(playbook.Length + 1)..]))}{(own.Count > 12 ? $" and {own.Count - 12} more" : "")}";
    }

    /// <summary>The closest name, or else the names there are (a few dozen at most in practice), so a hint always helps.</summary>
    private string Listing(string id, IEnumerable<string> known, string intro, string none)
    {
        if (Hint(id, known) is { } closest)
        {
            return closest;
        }

        const int Shown = 12;
        var names = known.Order(StringComparer.Ordinal).ToList();
        var listing = names.Count == 0 ? none
            : $"{intro}: {string.Join(", ", names.Take(Shown))}{(names.Count > Shown ? $" and {names.Count - Shown} more" : "")}";
        return unread.Note is { } note ? $"{listing}; {note}" : listing;
    }

    /// <summary>The bare ids of a playbook's own milestones (all milestones' bare ids when there is no playbook).</summary>
    private IEnumerable<string> OwnMilestones(string? playbookId) =>
        _milestones.Where(m => playbookId is null || m.StartsWith($"{playbookId}/", StringComparison.Ordinal)).Select(m => m.Split('/')[1]).Distinct();
}
