using Triggers.Core.Engine;

namespace Triggers.Core.Explaining;

/// <summary>One line of an account's timeline: an event, an outcome or an engine decision.</summary>
/// <param name="Time">When; where it lies on the timeline when <paramref name="TimeUnknown"/>.</param>
/// <param name="Kind">event, duplicate, decision, or an outcome's kind.</param>
/// <param name="Subject">What it concerns: an event type, a rule, where a line was read.</param>
/// <param name="Text">What happened.</param>
/// <param name="TimeUnknown">A rejected line with no time to show (see <see cref="Outcome.TimeUnknown"/>).</param>
public sealed record TimelineEntry(DateTimeOffset Time, string Kind, string Subject, string Text, bool TimeUnknown = false);

/// <summary>What one rule did for the account, and the decisions that explain it when it did not fire.</summary>
public sealed record RuleExplanation(string Rule, string Listens, IReadOnlyList<Outcome> Fired, IReadOnlyList<TimelineEntry> Decisions);

/// <summary>The answer to "why did this fire (or not)?" for one account.</summary>
/// <param name="AccountId">The account explained.</param>
/// <param name="Events">Its events replayed, duplicates included (late and rejected lines are on the timeline only).</param>
/// <param name="Duplicates">How many of <paramref name="Events"/> the engine ignored for repeating an earlier id.</param>
/// <param name="Traits">Its traits at the end.</param>
/// <param name="Timeline">Events, outcomes and decisions in time order.</param>
/// <param name="Rules">Per rule, what it did and why.</param>
public sealed record AccountExplanation(
    string AccountId,
    int Events,
    int Duplicates,
    IReadOnlyDictionary<string, string> Traits,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<RuleExplanation> Rules);
