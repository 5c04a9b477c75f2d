using System.Diagnostics.CodeAnalysis;

namespace Triggers.Core.Engine;

/// <summary>
/// One effect of the engine, with a deterministic <see cref="Id"/> (same inputs, same id) that dispatchers and
/// webhook receivers dedupe on, and an explanation of why it happened.
/// </summary>
/// <remarks>
/// A replay makes one or two of these per event, so the object is kept small: the fields only actions (and timers)
/// carry live in one detail record that other kinds never allocate, and times are kept as UTC ticks.
/// </remarks>
public sealed record Outcome
{
    private string? _id;
    private long _time;
    private ActionFields? _action;
    private string? _because; // the whole explanation, or its last part when the head below is set
    private string? _becauseHead;
    private string? _becauseId;

    // A milestone change (milestone, status) and a stage change (journey, stage) share these two fields: no outcome
    // is both, and a replay makes about a million of each.
    private const byte MilestoneChange = 1;
    private const byte StageChange = 2;
    private string? _subject;
    private string? _change;
    private byte _changeOf;

    public Outcome()
    {
    }

    /// <summary>The copy a <c>with</c> expression makes: it gets its own action fields, never the original's.</summary>
    [SetsRequiredMembers]
    private Outcome(Outcome original)
    {
        (Kind, _id, Key, _time) = (original.Kind, original._id, original.Key, original._time);
        (AccountId, Playbook, Rule, Action) = (original.AccountId, original.Playbook, original.Rule, original.Action);
        (_subject, _change, _changeOf) = (original._subject, original._change, original._changeOf);
        (Reason, TriggerEventId, TimeUnknown) = (original.Reason, original.TriggerEventId, original.TimeUnknown);
        (_because, _becauseHead, _becauseId) = (original._because, original._becauseHead, original._becauseId);
        _action = original._action is { } fields ? fields with { } : null;
    }

    public required OutcomeKind Kind { get; init; }

    /// <summary>The deterministic effect id (computed on first read from the effect's key).</summary>
    public string Id
    {
        get => _id ??= Key.Version is null ? "" : Key.Compute(AccountId ?? "");
        init => _id = value;
    }

    internal EffectIds.Key Key { get; init; }

    /// <summary>When it happened, in UTC (an offset given here is kept as the same instant in UTC).</summary>
    public required DateTimeOffset Time
    {
        get => new(_time, TimeSpan.Zero);
        init => _time = value.UtcTicks;
    }

    /// <summary>
    /// Whether the outcome has no time of its own to show: a rejected line without a readable time, in a history where no
    /// line before or after it had one to place it by. <see cref="Time"/> is then 0001-01-01T00:00:00Z, which keeps it
    /// first on the timeline; the JSON leaves <c>time</c> out, as it leaves out any field an outcome lacks, and tables
    /// show <c>-</c>, rather than presenting year 1 as when it happened.
    /// </summary>
    public bool TimeUnknown { get; init; }

    public string? AccountId { get; init; }

    public string? Playbook { get; init; }

    /// <summary>The rule id within its playbook (not qualified).</summary>
    public string? Rule { get; init; }

    /// <summary><c>email</c>, <c>task</c>, <c>webhook</c> or <c>emit</c>, for actions and suppressions.</summary>
    public string? Action { get; init; }

    public string? To { get => _action?.To; init => Fields.To = value; }

    public string? Template { get => _action?.Template; init => Fields.Template = value; }

    public string? Title { get => _action?.Title; init => Fields.Title = value; }

    public string? Assignee { get => _action?.Assignee; init => Fields.Assignee = value; }

    public string? Priority { get => _action?.Priority; init => Fields.Priority = value; }

    /// <summary>A task's due time; a timer's due time.</summary>
    public DateTimeOffset? Due
    {
        get => _action?.Due is { } due ? JourneyEngine.At(due) : null;
        init => Fields.Due = value?.UtcTicks;
    }

    public string? Target { get => _action?.Target; init => Fields.Target = value; }

    /// <summary>The emitted event type, for emit actions.</summary>
    public string? Type { get => _action?.Type; init => Fields.Type = value; }

    /// <summary>Rendered JSON: email template data, webhook body or emitted event data.</summary>
    public string? Payload { get => _action?.Payload; init => Fields.Payload = value; }

    public string? Milestone { get => Of(MilestoneChange, _subject); init => _subject = Claim(MilestoneChange, value, _subject); }

    /// <summary><c>reached</c>, <c>succeeded</c> or <c>failed</c> for milestones.</summary>
    public string? Status { get => Of(MilestoneChange, _change); init => _change = Claim(MilestoneChange, value, _change); }

    public string? Journey { get => Of(StageChange, _subject); init => _subject = Claim(StageChange, value, _subject); }

    public string? Stage { get => Of(StageChange, _change); init => _change = Claim(StageChange, value, _change); }

    /// <summary>Why an action was suppressed, an event rejected or late.</summary>
    public string? Reason { get; init; }

    /// <summary>The event that started it all (for timers: the event that opened the window).</summary>
    public string? TriggerEventId { get; init; }

    /// <summary>Human-readable explanation: which trigger, which window, which values the conditions saw.</summary>
    public string? Because
    {
        get => _becauseHead is null ? _because : _becauseId is null ? _becauseHead + _because : string.Concat(_becauseHead, " ", _becauseId, _because);
        init => (_because, _becauseHead, _becauseId) = (value, null, null);
    }

    /// <summary>
    /// The explanation as the engine makes it: a head shared by every firing of a rule, the triggering event's id
    /// (after a space, when there is one) and the rest. Joined only when read; the JSON output writes the parts.
    /// </summary>
    internal (string Head, string? Id, string? Tail) BecauseParts
    {
        get => (_becauseHead ?? "", _becauseId, _becauseHead is null ? null : _because);
        init => (_becauseHead, _becauseId, _because) = value;
    }

    /// <summary>Whether <see cref="Because"/> is kept in parts (see <see cref="BecauseParts"/>).</summary>
    internal bool HasBecauseParts => _becauseHead is not null;

    /// <summary>The qualified rule name <c>playbook/rule</c>, as tests name it.</summary>
    public string? QualifiedRule => Playbook is null || Rule is null ? null : $"{Playbook}/{Rule}";

    /// <summary>
    /// What the outcome belongs to, as tables and timelines name it: <c>playbook/rule</c>, <c>playbook/milestone</c> or
    /// <c>journey/stage</c> (a timer belongs to any of the three); null for late and rejected input.
    /// </summary>
    public string? Owner => QualifiedRule ?? (Milestone is { } m ? $"{Playbook}/{m}" : Stage is { } s ? $"{Journey}/{s}" : null);

    /// <summary>All the action fields at once, for the engine, which fills them before it makes the outcome.</summary>
    internal ActionFields? Details { init => _action = value; }

    private ActionFields Fields => _action ??= new ActionFields();

    private string? Of(byte change, string? field) => _changeOf == change ? field : null;

    /// <summary>Sets a shared field for one kind of change; setting the other kind's fields too is a mistake.</summary>
    private string? Claim(byte change, string? value, string? current)
    {
        if (value is null)
        {
            return _changeOf == change ? null : current;
        }

        if (_changeOf != 0 && _changeOf != change)
        {
            throw new InvalidOperationException("an outcome is a milestone change or a stage change, not both");
        }

        _changeOf = change;
        return value;
    }

    /// <summary>What only actions (and timers) carry; a record, so outcomes still compare by value.</summary>
    internal sealed record ActionFields
    {
        public string? To { get; set; }

        public string? Template { get; set; }

        public string? Title { get; set; }

        public string? Assignee { get; set; }

        public string? Priority { get; set; }

        public long? Due { get; set; }

        public string? Target { get; set; }

        public string? Type { get; set; }

        public string? Payload { get; set; }
    }
}
