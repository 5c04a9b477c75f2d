using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>A journey: stages in order and the touchpoints that map event types to stages and channels.</summary>
public sealed record Journey(string Id, string? Description, IReadOnlyList<Stage> Stages, IReadOnlyList<Touchpoint> Touchpoints,
    SourceLocation Location)
{
    /// <summary>Where the id's value is written (for a duplicate id); <see cref="Location"/> is the key.</summary>
    public SourceLocation IdLocation { get; init; } = Location;
}

/// <summary>A journey stage; an account enters it when <see cref="EnteredWhen"/> fires (an event or a milestone).</summary>
public sealed record Stage(string JourneyId, string Id, string Name, string? Description, Trigger EnteredWhen,
    TimeSpan? ExpectedWithin, SourceLocation Location);

/// <summary>Where the customer meets the product or the team: event types counted for a stage and a channel.</summary>
public sealed record Touchpoint(string Id, string Name, string Channel, string? Stage, IReadOnlyList<string> Events,
    SourceLocation Location);
