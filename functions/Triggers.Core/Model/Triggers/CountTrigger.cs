using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// <c>{ count: { event, where, at_least | at_most, within } }</c>: fires when the number of matching events in a
/// sliding window reaches <see cref="AtLeast"/>, or stays at or under <see cref="AtMost"/> for a whole window.
/// </summary>
public sealed record CountTrigger(string EventType, Expr? Where, int? AtLeast, int? AtMost, TimeSpan Within,
    SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "count";
}
