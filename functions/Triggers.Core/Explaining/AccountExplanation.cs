using Triggers.Core.Engine;

namespace Triggers.Core.Explaining;

/// <summary>One line of an account's timeline: an event, an outcome or an engine decision.</summary>
public sealed record TimelineEntry(DateTimeOffset Time, string Kind, string Subject, string Text);

/// <summary>What one rule did for the account, and the decisions that explain it when it did not fire.</summary>
public sealed record RuleExplanation(string Rule, string Listens, IReadOnlyList<Outcome> Fired, IReadOnlyList<TimelineEntry> Decisions);

/// <summary>The answer to "why did this fire (or not)?" for one account.</summary>
public sealed record AccountExplanation(
    string AccountId,
    int Events,
    IReadOnlyDictionary<string, string> Traits,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<RuleExplanation> Rules);
