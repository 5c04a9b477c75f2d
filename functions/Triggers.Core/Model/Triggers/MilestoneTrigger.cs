using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ milestone: ID, is: reached | succeeded | failed }</c>. <see cref="MilestoneId"/> is qualified.</summary>
public sealed record MilestoneTrigger(string MilestoneId, MilestoneStatus Is, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "milestone";
}
