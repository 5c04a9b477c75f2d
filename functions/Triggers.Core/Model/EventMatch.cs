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

    /// <summary>
    /// Stands for success criteria that could not be read (their error is reported), so the milestone is kept and its
    /// id and the rules naming it are still checked in the same run. It names no event type; a set holding one never runs.
    /// </summary>
    internal static EventMatch Unread(SourceLocation at) => new("", null, TimeSpan.Zero, at);

    /// <summary>Whether this is <see cref="Unread"/>'s stand-in.</summary>
    internal bool IsUnread => EventType.Length == 0;
}
