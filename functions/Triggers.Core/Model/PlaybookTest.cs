using Triggers.Core.Diagnostics;

namespace Triggers.Core.Model;

/// <summary>A playbook unit test: events in, the actions (and other outcomes) expected out.</summary>
public sealed record PlaybookTest(
    string Name,
    IReadOnlyList<string>? Playbooks,
    TimeSpan AllowedLateness,
    IReadOnlyList<TestEvent> Events,
    DateTimeOffset? RunUntil,
    IReadOnlyList<Expectation> Expect,
    bool ExpectOnly,
    SourceLocation Location)
{
    /// <summary>Where each name in <see cref="Playbooks"/> is written, for errors about it (empty when not read from a file).</summary>
    public IReadOnlyList<SourceLocation> PlaybookLocations { get; init; } = [];
}

/// <summary>One event of a test, already expanded to CloudEvents JSON.</summary>
public sealed record TestEvent(string Json, DateTimeOffset Time, SourceLocation Location);

/// <summary>
/// One expected outcome. <see cref="Kind"/> is action, milestone, stage, suppressed, late or rejected; every field given
/// must match the outcome's field of the same name, fields left out match anything.
/// </summary>
public sealed record Expectation(string Kind, DateTimeOffset? Time, IReadOnlyDictionary<string, string> Fields,
    SourceLocation Location)
{
    /// <summary>Where each field's value was written, for errors about one of them (a rule that does not exist).</summary>
    public IReadOnlyDictionary<string, SourceLocation>? FieldLocations { get; init; }

    /// <summary>Where <paramref name="field"/>'s value was written, else where the expectation starts.</summary>
    public SourceLocation At(string field) => FieldLocations is { } at && at.TryGetValue(field, out var location) ? location : Location;
}
