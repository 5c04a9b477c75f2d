using Triggers.Core.Model;

namespace Triggers.Core.Engine;

/// <summary>What a reaction does once its trigger (and where / unless) holds.</summary>
internal enum ReactionKind
{
    Rule,
    ReachMilestone,
    EnterStage,
}

/// <summary>
/// The engine's unit of work: a trigger with its conditions and one outcome. Rules, milestones (reached when
/// their trigger fires) and stages (entered when theirs does) are all reactions, so every trigger kind is
/// implemented once.
/// </summary>
internal sealed class Reaction
{
    public required int Index { get; init; }

    public required ReactionKind Kind { get; init; }

    public required Trigger Trigger { get; init; }

    public Expr? Where { get; init; }

    public EventMatch? Unless { get; init; }

    public Expr? AppliesTo { get; init; }

    public Rule? Rule { get; init; }

    public Milestone? Milestone { get; init; }

    public Stage? Stage { get; init; }

    /// <summary>Hash of the playbook's canonical text: part of every effect id, so a changed playbook is a new version.</summary>
    public required string Version { get; init; }

    /// <summary><c>playbook/rule</c>, <c>playbook/milestone</c> or <c>journey/stage</c>.</summary>
    public required string Name { get; init; }

    public string? PlaybookId => Rule?.PlaybookId ?? Milestone?.PlaybookId;

    private string[]? _milestoneTexts;

    /// <summary>The explanation texts of a milestone's changes, formatted once rather than per account and change.</summary>
    public string[] MilestoneTexts => _milestoneTexts ??= Milestone is { } m
        ? [$"; success needs {m.Success.EventType} within {DurationParser.Format(m.Success.Within)}",
           $"{m.Success.EventType} arrived within {DurationParser.Format(m.Success.Within)}",
           $"no {m.Success.EventType} within {DurationParser.Format(m.Success.Within)} (red flag)"]
        : [];
}
