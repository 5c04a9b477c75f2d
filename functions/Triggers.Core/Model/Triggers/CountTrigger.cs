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

    /// <summary><see cref="Within"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? WithinWritten { get; init; }
}
