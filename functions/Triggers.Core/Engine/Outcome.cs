namespace Triggers.Core.Engine;

/// <summary>
/// One effect of the engine, with a deterministic <see cref="Id"/> (same inputs, same id) that dispatchers and
/// webhook receivers dedupe on, and an explanation of why it happened.
/// </summary>
public sealed record Outcome
{
    public required OutcomeKind Kind { get; init; }

    private string? _id;

    /// <summary>The deterministic effect id (computed on first read from the effect's key).</summary>
    public string Id
    {
        get => _id ??= Key?.Compute() ?? "";
        init => _id = value;
    }

    internal EffectIds.Key? Key { get; init; }

    public required DateTimeOffset Time { get; init; }

    public string? AccountId { get; init; }

    public string? Playbook { get; init; }

    /// <summary>The rule id within its playbook (not qualified).</summary>
    public string? Rule { get; init; }

    /// <summary><c>email</c>, <c>task</c>, <c>webhook</c> or <c>emit</c>, for actions and suppressions.</summary>
    public string? Action { get; init; }

    public string? To { get; init; }

    public string? Template { get; init; }

    public string? Title { get; init; }

    public string? Assignee { get; init; }

    public string? Priority { get; init; }

    public DateTimeOffset? Due { get; init; }

    public string? Target { get; init; }

    /// <summary>The emitted event type, for emit actions.</summary>
    public string? Type { get; init; }

    /// <summary>Rendered JSON: email template data, webhook body or emitted event data.</summary>
    public string? Payload { get; init; }

    public string? Milestone { get; init; }

    /// <summary><c>reached</c>, <c>succeeded</c> or <c>failed</c> for milestones.</summary>
    public string? Status { get; init; }

    public string? Journey { get; init; }

    public string? Stage { get; init; }

    /// <summary>Why an action was suppressed, an event rejected or late.</summary>
    public string? Reason { get; init; }

    /// <summary>The event that started it all (for timers: the event that opened the window).</summary>
    public string? TriggerEventId { get; init; }

    /// <summary>Human-readable explanation: which trigger, which window, which values the conditions saw.</summary>
    public string? Because { get; init; }

    /// <summary>The qualified rule name <c>playbook/rule</c>, as tests name it.</summary>
    public string? QualifiedRule => Playbook is null || Rule is null ? null : $"{Playbook}/{Rule}";
}
