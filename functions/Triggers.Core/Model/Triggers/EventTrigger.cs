using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ event: TYPE, where: EXPR }</c>: fires on each matching event.</summary>
public sealed record EventTrigger(string EventType, Expr? Where, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "event";
}
