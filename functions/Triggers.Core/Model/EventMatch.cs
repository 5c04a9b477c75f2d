using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// "An event of this type, matching this condition, within this window": the shape of an <c>unless</c>
/// absence window and of a milestone's success criteria.
/// </summary>
public sealed record EventMatch(string EventType, Expr? Where, TimeSpan Within, SourceLocation Location);
