using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// "An event of this type, matching this condition, within this window": the shape of an <c>unless</c>
/// absence window and of a milestone's success criteria.
/// </summary>
public sealed record EventMatch(string EventType, Expr? Where, TimeSpan Within, SourceLocation Location)
{
    /// <summary><see cref="Within"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? WithinWritten { get; init; }
}
