using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>One playbook file: rules and milestones that serve one journey stage for a segment of accounts.</summary>
public sealed record Playbook(
    string Id,
    string? Description,
    string? Stage,
    Expr? AppliesTo,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<Rule> Rules,
    SourceLocation Location)
{
    /// <summary>Where the <c>stage</c> value is written, for reference errors.</summary>
    public SourceLocation StageLocation { get; init; } = Location;

    /// <summary>Where the id's value is written (for a duplicate id); <see cref="Location"/> is the key.</summary>
    public SourceLocation IdLocation { get; init; } = Location;
}
