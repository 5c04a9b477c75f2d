using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ stage: ID, is: entered }</c> or, with <see cref="StuckFor"/>, <c>{ stage: ID, stuck_for: DURATION }</c>.</summary>
public sealed record StageTrigger(string StageId, TimeSpan? StuckFor, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "stage";

    /// <summary><see cref="StuckFor"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? StuckForWritten { get; init; }
}
