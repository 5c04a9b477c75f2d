using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary><c>{ schedule: { date, offset } }</c>: fires at date + offset, re-armed when the date changes.</summary>
public sealed record ScheduleTrigger(Expr Date, TimeSpan Offset, SourceLocation Location) : Trigger(Location)
{
    public override string Kind => "schedule";

    /// <summary><see cref="Offset"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? OffsetWritten { get; init; }
}
