using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>
/// <c>{ threshold: { value, below | above, for } }</c>: fires once per crossing that lasts the whole duration;
/// the value is re-read whenever the account's traits change.
/// </summary>
public sealed record ThresholdTrigger(Expr Value, double? Below, double? Above, TimeSpan For, SourceLocation Location)
    : Trigger(Location)
{
    public override string Kind => "threshold";

    /// <summary><see cref="For"/> as the playbook spelled it (<c>7d</c> stays <c>7d</c>, not <c>1w</c>); null when not read from a file.</summary>
    public string? ForWritten { get; init; }
}
