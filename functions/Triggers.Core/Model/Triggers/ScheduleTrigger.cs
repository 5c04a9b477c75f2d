using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ schedule: { date, offset } }</c>: fires at date + offset, re-armed when the date changes.</summary>
public sealed record ScheduleTrigger(Expr Date, TimeSpan Offset, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "schedule";
}
