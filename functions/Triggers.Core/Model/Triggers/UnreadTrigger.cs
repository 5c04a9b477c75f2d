using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// Stands for a trigger that could not be read (its error is reported): the rule or milestone around it is kept, so
/// validation still reports what else is wrong with it (an unknown target, a duplicate id) in the same run. A set
/// holding one has errors, so it never runs.
/// </summary>
internal sealed record UnreadTrigger(SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "?";
}
