using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Explaining;

/// <summary>
/// Collects everything that happened to one account during a replay: its events, outcomes and the engine's
/// decisions, then groups them per rule. Attach it to a <see cref="Simulator"/> (trace, observer, sink).
/// </summary>
public sealed class AccountExplainer(string account) : IEngineTrace
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<Outcome> _outcomes = [];
    private readonly Dictionary<string, (DateTimeOffset Time, string Type)> _firstSeen = new(StringComparer.Ordinal);
    private int _events;
    private int _duplicates;
    private IReadOnlyDictionary<string, string> _traits = new Dictionary<string, string>();

    public bool Wants(string accountId) => accountId == account;

    public void Decision(string accountId, DateTimeOffset time, string subject, string decision) =>
        _timeline.Add(new TimelineEntry(time, "decision", subject, decision));

    /// <summary>Feed to <see cref="Simulator.EventStarting"/>: the event goes on the timeline before its consequences.</summary>
    public void Starting(CloudEvent e)
    {
        if (e.AccountId != account)
        {
            return;
        }

        _events++;
        _firstSeen.TryAdd(e.Id, (e.Time, e.Type));
        var user = e.UserId is null ? "" : $" by user {e.UserId}";
        _timeline.Add(new TimelineEntry(e.Time, "event", e.Type, $"{e.Id}{user}{Data(e)}"));
    }

    /// <summary>
    /// Feed to <see cref="Simulator.DuplicateIgnored"/>: the event <see cref="Starting"/> just listed was ignored, so its
    /// row says so rather than reading like one the rules saw. Nothing came between the two calls.
    /// </summary>
    public void Ignored(CloudEvent e)
    {
        if (e.AccountId != account || _timeline.Count == 0 || _timeline[^1].Kind != "event")
        {
            return;
        }

        _duplicates++;
        // The engine remembers ids, not when it saw them: the first listing of this id is the one it matched.
        var earlier = _firstSeen.TryGetValue(e.Id, out var first) && first.Time <= e.Time
            ? $"the {first.Type} at {OutcomeJson.Format(first.Time)}" : "an earlier event";
        _timeline[^1] = new TimelineEntry(e.Time, "duplicate", e.Type, $"{e.Id}: same id as {earlier}; ignored{Data(e)}");
    }

    private static string Data(CloudEvent e)
    {
        var data = e.Data.ValueKind == System.Text.Json.JsonValueKind.Object ? " " + e.Data.GetRawText() : "";
        return data.Length > 160 ? data[..157] + "..." : data;
    }

    /// <summary>Feed to <see cref="Simulator.EventObserver"/>: keeps the account's latest traits.</summary>
    public void Observe(CloudEvent e, AccountState state)
    {
        if (e.AccountId == account)
        {
            Replayed(state);
        }
    }

    /// <summary>
    /// Feed to <see cref="Simulator.AccountReplayed"/>: the traits as the replay left them, after its timers too (an
    /// <c>account.updated</c> emitted by a fire released at a quiet-hours morning changes them after the last event).
    /// </summary>
    public void Replayed(AccountState state)
    {
        // Copied only when they changed: most events change no trait, and an account with thousands of them made
        // explain copy them all at every event (8.8 s against simulate's 0.6 s for 50,000 events).
        if (state.AccountId == account && (!ReferenceEquals(state.Account, _traitsOf) || state.Account.Version != _traitsVersion))
        {
            _traits = state.Account.Entries.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            (_traitsOf, _traitsVersion) = (state.Account, state.Account.Version);
        }
    }

    private TraitMap? _traitsOf;
    private int _traitsVersion;

    /// <summary>Feed every outcome of the replay here (the simulator's sink).</summary>
    public void Record(Outcome outcome)
    {
        if (outcome.AccountId != account)
        {
            return;
        }

        _outcomes.Add(outcome);
        _timeline.Add(Entry(outcome));
    }

    private static TimelineEntry Entry(Outcome outcome)
    {
        var (subject, text) = outcome.Kind switch
        {
            OutcomeKind.Milestone => ($"{outcome.Playbook}/{outcome.Milestone}", $"{outcome.Status}: {outcome.Because}"),
            OutcomeKind.Stage => ($"{outcome.Journey}/{outcome.Stage}", outcome.Because ?? "entered"),
            OutcomeKind.Timer => (outcome.Owner ?? "", $"{outcome.Reason} at {OutcomeJson.Format(outcome.Due!.Value)}"),
            OutcomeKind.Action => (outcome.QualifiedRule!, $"{Describe(outcome)}; because {outcome.Because}"),
            // Input the rules never saw: where it was read, what was wrong, and that it went no further.
            OutcomeKind.Rejected => (outcome.Because ?? "", $"{outcome.Reason}; skipped"),
            OutcomeKind.Late => (outcome.TriggerEventId ?? "", $"{outcome.Reason}; not evaluated ({outcome.Because})"),
            _ => (outcome.QualifiedRule ?? outcome.TriggerEventId ?? "", $"{outcome.Action} {outcome.Reason}: {outcome.Because}".TrimStart()),
        };
        return new TimelineEntry(outcome.Time, OutcomeJson.Kind(outcome.Kind), subject, text, outcome.TimeUnknown);
    }

    public AccountExplanation Build(CompiledPlaybooks program, string? onlyRule = null)
    {
        var all = program.Set.Playbooks.SelectMany(p => p.Rules).ToList();
        var rules = all
            .Where(r => onlyRule is null || r.QualifiedId == onlyRule || r.Id == onlyRule)
            .Select(r => new RuleExplanation(r.QualifiedId, Listens(r.When),
                [.. _outcomes.Where(o => o.QualifiedRule == r.QualifiedId && o.Kind is OutcomeKind.Action or OutcomeKind.Suppressed)],
                [.. _timeline.Where(t => t.Kind == "decision" && t.Subject == r.QualifiedId).Concat(MilestoneSeen(r)).OrderBy(t => t.Time)]))
            .ToList();
        // Stable by time; entries at one instant keep the order the engine produced them in.
        var timeline = _timeline.Select((entry, index) => (entry, index)).OrderBy(x => x.entry.Time).ThenBy(x => x.index).Select(x => x.entry).ToList();
        return new AccountExplanation(account, _events, _duplicates, _traits, timeline, rules);
    }

    /// <summary>
    /// For a rule waiting on a milestone status that never came: the statuses the milestone did reach. The engine
    /// only calls a rule for its own status, so it has nothing to note; the outcomes say what happened instead.
    /// </summary>
    private IEnumerable<TimelineEntry> MilestoneSeen(Rule rule)
    {
        if (rule.When is not MilestoneTrigger m)
        {
            return [];
        }

        var wanted = m.Is.ToString().ToLowerInvariant();
        return _outcomes.Where(o => o.Kind == OutcomeKind.Milestone && o.Owner == m.MilestoneId && o.Status != wanted)
            .Select(o => new TimelineEntry(o.Time, "decision", rule.QualifiedId, $"milestone {m.MilestoneId} {o.Status} (this rule waits for {wanted})"));
    }

    public static string Describe(Outcome o) => o.Action switch
    {
        "email" => $"email to {o.To} ({o.Template})",
        "task" => $"task {LineText.Quote(o.Title)}{(o.Assignee is null ? "" : $" for {o.Assignee}")}",
        "webhook" => $"webhook to {o.Target}",
        "emit" => $"emit {o.Type}",
        _ => o.Action ?? "",
    };

    /// <summary>What a rule listens for, its durations as the playbook wrote them (<c>within 14d</c>, not <c>2w</c>).</summary>
    private static string Listens(Trigger trigger) => trigger switch
    {
        EventTrigger e => $"{e.EventType} events{(e.Where is null ? "" : $" where {e.Where.Text}")}",
        CountTrigger c => $"{(c.AtLeast is { } n ? $"at least {n}" : $"at most {c.AtMost}")} {c.EventType} within {DurationParser.AsWritten(c.Within, c.WithinWritten)}",
        ThresholdTrigger t => $"{t.Value.Text} {(t.Below is { } b ? $"below {b}" : $"above {t.Above}")} for {DurationParser.AsWritten(t.For, t.ForWritten)}",
        MilestoneTrigger m => $"milestone {m.MilestoneId} {m.Is.ToString().ToLowerInvariant()}",
        StageTrigger { StuckFor: { } d } s => $"stage {s.StageId} stuck for {DurationParser.AsWritten(d, s.StuckForWritten)}",
        StageTrigger s => $"stage {s.StageId} entered",
        ScheduleTrigger s => $"{s.Date.Text} {DurationParser.AsWritten(s.Offset, s.OffsetWritten)}",
        _ => trigger.Kind,
    };
}
