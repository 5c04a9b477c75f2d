using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// A daily quiet period in a time zone. <see cref="From"/> after <see cref="To"/> means it spans midnight.
/// The zone is either fixed (<see cref="Zone"/>) or read per account (<see cref="ZoneExpression"/>).
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To, string? Zone, Expr? ZoneExpression, SourceLocation Location);
