namespace Triggers.Core.Expressions;

/// <summary>
/// Static types known at load time. Paths into event data and traits are <see cref="Any"/>; literals and
/// operators give the checker enough to reject <c>"abc" &gt; 3</c> before a playbook goes live.
/// </summary>
public enum ExprType : byte
{
    Any,
    Null,
    Bool,
    Number,
    String,
    Time,
    Duration,
    List,
    Object,
}
