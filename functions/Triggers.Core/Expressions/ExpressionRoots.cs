namespace Triggers.Core.Expressions;

/// <summary>The roots an expression may start a path from; each place in a playbook allows its own set.</summary>
[Flags]
public enum ExpressionRoots
{
    None = 0,
    Event = 1,
    Trigger = 2,
    Account = 4,
    User = 8,
    All = Event | Trigger | Account | User,

    /// <summary>
    /// Marks on allowed roots that are always null in this place: a rule fired by the clock (a schedule, a count
    /// that stays at_most) has no triggering event, so no event, trigger or user. Reading one is a warning, not an
    /// error: the expression still runs, and the value is null.
    /// </summary>
    EventIsNull = 16,
    TriggerIsNull = 32,
    UserIsNull = 128,
}
