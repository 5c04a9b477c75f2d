using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ stage: ID, is: entered }</c> or, with <see cref="StuckFor"/>, <c>{ stage: ID, stuck_for: DURATION }</c>.</summary>
public sealed record StageTrigger(string StageId, TimeSpan? StuckFor, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "stage";
}
