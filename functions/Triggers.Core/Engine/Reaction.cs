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

    /// <summary>
    /// For a milestone, the reactions that listen to each of its changes (by <see cref="MilestoneStatus"/>); for a
    /// stage, the reactions that listen to it (entered or stuck in it). Filled when the playbooks are compiled, so a
    /// change finds its listeners without a lookup by name.
    /// </summary>
    public List<Reaction>[] Listeners { get; internal set; } = [];

    /// <summary>A stage's position among all journeys' stages (see <see cref="CompiledPlaybooks.StageOrder"/>); -1 otherwise.</summary>
    public int StageOrder { get; internal set; } = -1;

    private string? _becauseHead;
    private string? _becauseTail;

    /// <summary>The <c>source</c> of the events this reaction's <c>emit</c> actions make.</summary>
    public string EmitSource => _emitSource ??= $"triggers/{Name}";

    private string? _emitSource;

    /// <summary>How an explanation of this reaction firing starts: its trigger in words (an event trigger's id follows).</summary>
    public string BecauseHead => _becauseHead ??= Trigger switch
    {
        EventTrigger e => e.EventType,
        CountTrigger { AtLeast: { } n } c => $"{n} {c.EventType} within {DurationParser.AsWritten(c.Within, c.WithinWritten)}",
        CountTrigger c => $"at most {c.AtMost} {c.EventType} within {DurationParser.AsWritten(c.Within, c.WithinWritten)}",
        ThresholdTrigger th => $"{th.Value.Text} {(th.Below is { } b ? $"below {b}" : $"above {th.Above}")} for {DurationParser.AsWritten(th.For, th.ForWritten)}",
        MilestoneTrigger m => $"milestone {m.MilestoneId} {m.Is.ToString().ToLowerInvariant()}",
        StageTrigger { StuckFor: { } stuck } s => $"stuck in stage {s.StageId} for {DurationParser.AsWritten(stuck, s.StuckForWritten)}",
        StageTrigger s => $"entered stage {s.StageId}",
        ScheduleTrigger s => $"schedule {s.Date.Text} {DurationParser.AsWritten(s.Offset, s.OffsetWritten)}",
        _ => Trigger.Kind,
    };

    /// <summary>What follows: the absence window and the condition (the values it read are appended per firing).</summary>
    public string BecauseTail => _becauseTail ??=
        (Unless is { } unless ? $"; no {unless.EventType} within {DurationParser.AsWritten(unless.Within, unless.WithinWritten)}" : "") +
        (Where is { } where ? $"; where {where.Text}" : "");

    private string[]? _milestoneTexts;
    private string[]? _causeSuffixes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _enteredFrom = new(StringComparer.Ordinal);

    /// <summary>
    /// What this reaction adds to a cause when it passes it on: a milestone its status (by
    /// <see cref="MilestoneStatus"/>), a stage its entry and its stuck check. Formatted once, not per change.
    /// </summary>
    public string[] CauseSuffixes => _causeSuffixes ??= Kind switch
    {
        ReactionKind.ReachMilestone => [.. Enum.GetNames<MilestoneStatus>().Select(s => $">{Name}:{s.ToLowerInvariant()}")],
        ReactionKind.EnterStage => [$">stage:{Stage!.Id}", $">stage:{Stage!.Id}:stuck"],
        _ => [],
    };

    /// <summary>A stage's explanation: entered, or moved from the journey's previous stage (a few texts per stage, kept).</summary>
    public string EnteredFrom(string? previous)
    {
        // Compiled playbooks may be shared between threads: the cache must be too.
        return _enteredFrom.GetOrAdd(previous ?? "", static (key, stage) => key.Length == 0 ? $"entered {stage}" : $"moved from {key} to {stage}", Stage!.Id);
    }

    /// <summary>The explanation texts of a milestone's changes, formatted once rather than per account and change.</summary>
    public string[] MilestoneTexts => _milestoneTexts ??= Milestone is { } m
        ? [$"; success needs {m.Success.EventType} within {DurationParser.AsWritten(m.Success.Within, m.Success.WithinWritten)}",
           $"{m.Success.EventType} arrived within {DurationParser.AsWritten(m.Success.Within, m.Success.WithinWritten)}",
           $"no {m.Success.EventType} within {DurationParser.AsWritten(m.Success.Within, m.Success.WithinWritten)} (red flag)",
           $" arrived within {DurationParser.AsWritten(m.Success.Within, m.Success.WithinWritten)}"] // after the completing event's type and id
        : [];
}
