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
}
