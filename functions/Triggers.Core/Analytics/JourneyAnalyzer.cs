using System.Text.Json;
using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Analytics;

/// <summary>
/// Builds the data-driven journey map from a replay: attach <see cref="Observe"/> to the simulator's event
/// observer and <see cref="Record"/> to its outcome sink, then <see cref="Build"/>. Accounts are grouped by the
/// final value of each segment trait, so every figure can be redrawn per persona; an account whose trait is missing at
/// the end (never set, or set to null since) is in that trait's "(not set)" segment, so a trait's segments add up to all.
/// </summary>
public sealed partial class JourneyAnalyzer
{
    /// <summary>An account in its current stage longer than this (unless the stage sets expected_within) counts as stuck.</summary>
    public static readonly TimeSpan DefaultStuckAfter = TimeSpan.FromDays(30);

    /// <summary>An account silent this long at the end of the history has dropped off.</summary>
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromDays(30);

    private const int MaxSegmentValues = 12;
    private readonly Journey _journey;
    private readonly IReadOnlyList<string> _segmentTraits;
    private readonly Dictionary<string, AccountTrack> _accounts = new(StringComparer.Ordinal);
    // Touchpoints are counted by number (their ids' order of first appearance), so an account's counts are one small array.
    private readonly Dictionary<string, int> _touchpointNumbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _touchpoints = new(StringComparer.Ordinal); // event type -> touchpoints it counts for
    private readonly Dictionary<string, string?> _milestoneStage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stageNumbers = new(StringComparer.Ordinal); // the journey's stages by id: their order
    private int[] _touchpointStage = []; // by touchpoint number: the number of the stage it names (stage:), or -1
    // Qualified names (playbook/rule, playbook/milestone) made once per pair of the model's strings, not per outcome.
    private readonly Dictionary<(string, string), string> _qualified = new(ReferencePair.Comparer);
    private AccountTrack? _lastTrack; // outcomes and events come account by account: the last account's track, found by reference
    private long _first = long.MaxValue;
    private long _last = long.MinValue;
    private long _events;

    public JourneyAnalyzer(PlaybookSet set, Journey journey, IReadOnlyList<string> segmentTraits)
    {
        _journey = journey;
        _segmentTraits = segmentTraits;
        foreach (var touchpoint in journey.Touchpoints)
        {
            var number = TouchpointNumber(touchpoint.Id); // numbered even when it lists no events: the map still names it
            foreach (var type in touchpoint.Events)
            {
                if (!_touchpoints.TryGetValue(type, out var list))
                {
                    _touchpoints[type] = list = [];
                }

                list.Add(number);
            }
        }

        for (var i = 0; i < journey.Stages.Count; i++)
        {
            _stageNumbers[journey.Stages[i].Id] = i;
        }

        _touchpointStage = new int[_touchpointNumbers.Count];
        foreach (var touchpoint in journey.Touchpoints)
        {
            _touchpointStage[_touchpointNumbers[touchpoint.Id]] = touchpoint.Stage is { } named && _stageNumbers.TryGetValue(named, out var at) ? at : -1;
        }

        var stages = journey.Stages.Select(s => s.Id).ToHashSet();
        foreach (var playbook in set.Playbooks)
        {
            foreach (var milestone in playbook.Milestones)
            {
                _milestoneStage[milestone.QualifiedId] = playbook.Stage is { } s && stages.Contains(s) ? s : null;
            }
        }
    }

    /// <summary>
    /// Feed to <see cref="Simulator.AccountReplayed"/>: the account's traits as its replay left them, timers included
    /// (an <c>account.updated</c> emitted by a fire released at a quiet-hours morning changes them after its last event).
    /// </summary>
    public void Replayed(AccountState state)
    {
        if (_accounts.TryGetValue(state.AccountId, out var track))
        {
            ReadSegments(track, state);
        }
    }

    private void ReadSegments(AccountTrack track, AccountState state)
    {
        if (track.SegmentsFrom != (state.Account, state.Account.Version))
        {
            // Only when the traits changed: most events change none, and reading four traits for each was a tenth of
            // what the map added to a replay.
            track.SegmentsFrom = (state.Account, state.Account.Version);
            for (var t = 0; t < _segmentTraits.Count; t++)
            {
                // A trait set to null is removed from the account: not set from then on, like one never given.
                track.Segments[t] = state.Account.TryGetMember(_segmentTraits[t], out var value) && !value.IsNull ? SegmentValue(value) : null;
            }
        }
    }

    public void Observe(CloudEvent e, AccountState state)
    {
        var track = Track(e.AccountId);
        _events++;
        _first = Math.Min(_first, e.TimeTicks);
        _last = Math.Max(_last, e.TimeTicks);
        track.LastEvent = Math.Max(track.LastEvent, e.TimeTicks);
        ReadSegments(track, state);

        if (e.Type == "subscription.cancelled")
        {
            track.Churned = true;
        }
        else if (e.Type is "subscription.started" or "subscription.renewed")
        {
            track.Churned = false; // won back: a cancellation undone is not a drop-out
        }

        if (track.Current < 0)
        {
            // Before the account's first stage (a page viewed, a demo before the purchase): a touchpoint that names its
            // stage counts there, once the account enters it; other events of this time belong to no stage.
            if (_touchpoints.TryGetValue(e.Type, out var early))
            {
                foreach (var number in early)
                {
                    if (_touchpointStage[number] is >= 0 and var stage)
                    {
                        track.Counters(stage, _touchpointNumbers.Count).Touchpoints[number]++;
                    }
                }
            }

            return;
        }

        var counters = track.Counters(track.Current, _touchpointNumbers.Count);
        if (_touchpoints.TryGetValue(e.Type, out var touchpoints))
        {
            foreach (var number in touchpoints)
            {
                counters.Touchpoints[number]++;
            }
        }

        switch (e.Type)
        {
            case "csat.answered" when Sentiment.ScoreOf(e) is { } csat:
                counters.Csat.Add(csat, Sentiment.OnCsatScale(csat));
                break;
            case "nps.answered" when Sentiment.ScoreOf(e) is { } nps:
                counters.Nps.Add(nps, Sentiment.OnNpsScale(nps));
                break;
            case "ticket.opened":
                counters.Tickets++;
                break;
            case "ticket.escalated":
                counters.Escalations++;
                break;
        }
    }

    public void Record(Outcome o)
    {
        if (o.AccountId is null)
        {
            return;
        }

        switch (o.Kind)
        {
            case OutcomeKind.Stage when o.Journey == _journey.Id:
                var track = Track(o.AccountId);
                if (_stageNumbers.TryGetValue(o.Stage!, out var stage))
                {
                    track.Entered[stage] = o.Time.UtcTicks;
                    track.Current = stage;
                }

                break;
            case OutcomeKind.Milestone:
                RecordMilestone(o);
                break;
            case OutcomeKind.Action or OutcomeKind.Suppressed when o.Playbook is not null && o.Rule is not null:
                var key = o.Kind == OutcomeKind.Action ? o.Action ?? "?" : o.Reason ?? "?";
                Count(Track(o.AccountId).Rules, Qualified(o.Playbook, o.Rule), o.Kind == OutcomeKind.Action, key);
                break;
        }
    }

    public JourneyReport Build(DateTimeOffset? end = null)
    {
        var to = end?.UtcTicks ?? (_last == long.MinValue ? 0 : _last);
        // Each account's stage facts are worked out once: every account falls in several segments (all, and one per
        // segment trait), and each segment then only adds up what its accounts already know.
        var facts = Facts();
        // Every segment is added up in one pass over the accounts: an account's facts are read from memory once and
        // added to each of its segments (all, and one per segment trait), where a pass per segment re-read them.
        var segments = new List<SegmentTally> { new(null, null, this, to) };
        var byValue = new Dictionary<string, SegmentTally>[_segmentTraits.Count];
        var other = new SegmentTally?[_segmentTraits.Count];
        var notSet = new SegmentTally?[_segmentTraits.Count];
        for (var t = 0; t < _segmentTraits.Count; t++)
        {
            var trait = _segmentTraits[t];
            var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
            var without = 0;
            foreach (var account in facts)
            {
                if (account.Track.Segments[t] is { } value)
                {
                    sizes[value] = sizes.GetValueOrDefault(value) + 1;
                }
                else
                {
                    without++;
                }
            }

            var ranked = sizes.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
            byValue[t] = new Dictionary<string, SegmentTally>(StringComparer.Ordinal);
            foreach (var value in ranked.Take(MaxSegmentValues).Order(SegmentOrder.Instance))
            {
                segments.Add(byValue[t][value] = new SegmentTally(trait, value, this, to));
            }

            if (ranked.Count > MaxSegmentValues)
            {
                segments.Add((other[t] = new SegmentTally(trait, SegmentReport.OtherName, this, to))!);
            }

            // Only beside values some account has: a trait no account has splits nothing (and is warned about).
            if (ranked.Count > 0 && without > 0)
            {
                segments.Add((notSet[t] = new SegmentTally(trait, null, this, to))!);
            }
        }

        foreach (var account in facts)
        {
            segments[0].Add(account);
            for (var t = 0; t < _segmentTraits.Count; t++)
            {
                if (account.Track.Segments[t] is { } value)
                {
                    (byValue[t].GetValueOrDefault(value) ?? other[t]!).Add(account);
                }
                else
                {
                    notSet[t]?.Add(account);
                }
            }
        }

        return new JourneyReport(_journey.Id, _journey.Description, At(_first == long.MaxValue ? 0 : _first), At(to), _events,
            [.. _segmentTraits.Where((_, t) => _accounts.Values.Any(a => a.Segments[t] is not null))], segments.ConvertAll(segment => segment.Report()));
    }

    /// <summary>Every account's facts per stage of the journey, accounts in the order they were first seen.</summary>
    private List<AccountFacts> Facts()
    {
        var stages = _journey.Stages;
        var facts = new List<AccountFacts>(_accounts.Count);
        var byAccount = new Dictionary<string, AccountFacts>(_accounts.Count, StringComparer.Ordinal);
        foreach (var track in _accounts.Values)
        {
            var account = new AccountFacts(track, stages.Count) { Rules = RuleCounts(track.Rules) };
            var next = long.MaxValue;
            for (var i = stages.Count - 1; i >= 0; i--)
            {
                account.Next[i] = next;
                if (track.Entered[i] is var since && since != AccountTrack.NotEntered)
                {
                    account.Since[i] = since;
                    account.Counters[i] = track.PerStage[i];
                    next = Math.Min(next, since);
                }
            }

            facts.Add(account);
        }

        var stageIndex = stages.Select((stage, i) => (stage.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var seq = 0;
        foreach (var account in facts)
        {
            // Numbered in the order they were recorded (an account's all come while it is replayed, accounts in the
            // order first seen): a segment's red flags list ties in that order.
            foreach (var milestone in account.Track.Milestones.Values)
            {
                if (milestone.Stage is { } stage && stageIndex.TryGetValue(stage, out var i))
                {
                    (account.Milestones[i] ??= []).Add((seq, milestone));
                }

                seq++;
            }
        }

        return facts;
    }

    /// <summary>Each milestone's outcomes among the given instances, milestones by name.</summary>
    private static List<MilestoneReport> Milestones(List<(int Seq, MilestoneInstance Milestone)> milestones)
    {
        var byName = new Dictionary<string, (int Reached, int Failed, List<double> Days)>(StringComparer.Ordinal);
        foreach (var (_, m) in milestones)
        {
            var (reached, failed, days) = byName.TryGetValue(m.Milestone, out var tally) ? tally : (0, 0, new List<double>());
            if (m.Succeeded is { } succeeded)
            {
                days.Add(TimeSpan.FromTicks(succeeded - m.Reached).TotalDays);
            }

            byName[m.Milestone] = (reached + 1, failed + (m.Failed is null ? 0 : 1), days);
        }

        return [.. byName.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var (reached, failed, days) = p.Value;
            var succeeded = days.Count;
            days.Sort();
            return new MilestoneReport(p.Key, reached, succeeded, failed,
                succeeded + failed == 0 ? null : (double)succeeded / (succeeded + failed), Percentiles.Median(days));
        })];
    }

    private int TouchpointNumber(string id)
    {
        if (!_touchpointNumbers.TryGetValue(id, out var number))
        {
            _touchpointNumbers[id] = number = _touchpointNumbers.Count;
        }

        return number;
    }

    private List<TouchpointCount> Touchpoints(int[] totals) =>
        [.. _journey.Touchpoints.Select(t => new TouchpointCount(t.Id, t.Name, t.Channel, totals[_touchpointNumbers[t.Id]]))
            .Where(t => t.Events > 0).OrderByDescending(t => t.Events)];

    private static Sentiment SentimentOf(StageCounters total)
    {
        var (csatCount, npsCount) = (total.Csat.Count, total.Nps.Count);
        double? csat = csatCount == 0 ? null : total.Csat.Sum / csatCount;
        double? nps = npsCount == 0 ? null : total.Nps.Sum / npsCount;
        // One 0-100 line for the curve: CSAT 1..5 and NPS 0..10 rescaled, weighted by how many answers each has.
        double? score = csatCount + npsCount == 0
            ? null
            : (((csat ?? 1) - 1) / 4 * 100 * csatCount + (nps ?? 0) * 10 * npsCount) / (csatCount + npsCount);
        return new Sentiment(csat, csatCount, nps, npsCount, score) { CsatOffScale = total.Csat.OffScale, NpsOffScale = total.Nps.OffScale };
    }

    private AccountTrack Track(string id)
    {
        if (_lastTrack is { } last && (ReferenceEquals(last.AccountId, id) || last.AccountId == id))
        {
            return last;
        }

        if (!_accounts.TryGetValue(id, out var track))
        {
            _accounts[id] = track = new AccountTrack(id, _journey.Stages.Count, _segmentTraits.Count);
        }

        return _lastTrack = track;
    }

    private string Qualified(string playbook, string name)
    {
        if (!_qualified.TryGetValue((playbook, name), out var qualified))
        {
            qualified = $"{playbook}/{name}";
            if (_qualified.Count < 4096) // the model's strings are few; anything else is simply joined again
            {
                _qualified[(playbook, name)] = qualified;
            }
        }

        return qualified;
    }

    /// <summary>Pairs of strings compared by reference: the model's names are the same objects on every outcome.</summary>
    private sealed class ReferencePair : IEqualityComparer<(string, string)>
    {
        public static readonly ReferencePair Comparer = new();

        public bool Equals((string, string) x, (string, string) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((string, string) pair) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(pair.Item2));
    }

    private readonly List<(string Rule, bool Action, string Key)> _ruleSlots = [];
    private readonly Dictionary<(string Rule, bool Action, string Key), int> _ruleSlotNumbers = [];

    /// <summary>An account's rule counts as numbered slots, in the order its tables list them (rules, then actions, then suppressions).</summary>
    private (int Slot, int Count)[] RuleCounts(Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)> rules)
    {
        if (rules.Count == 0)
        {
            return [];
        }

        var counts = new List<(int, int)>();
        foreach (var (rule, (actions, suppressed)) in rules)
        {
            foreach (var (key, n) in actions)
            {
                counts.Add((RuleSlot(rule, true, key), n));
            }

            foreach (var (key, n) in suppressed)
            {
                counts.Add((RuleSlot(rule, false, key), n));
            }
        }

        return [.. counts];
    }

    private int RuleSlot(string rule, bool action, string key)
    {
        if (!_ruleSlotNumbers.TryGetValue((rule, action, key), out var slot))
        {
            _ruleSlotNumbers[(rule, action, key)] = slot = _ruleSlots.Count;
            _ruleSlots.Add((rule, action, key));
        }

        return slot;
    }

    private static void Count(Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)> map, string rule, bool action,
        string key, int n = 1)
    {
        if (!map.TryGetValue(rule, out var entry))
        {
            map[rule] = entry = (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        }

        var target = action ? entry.Actions : entry.Suppressed;
        target[key] = target.GetValueOrDefault(key) + n;
    }

    /// <summary>Numbers (company size, seats) are bucketed on a log scale so a segment is a range, not one value.</summary>
    private static string SegmentValue(Expressions.Value value)
    {
        if (value.Kind != Expressions.ValueKind.Number)
        {
            return value.ToString();
        }

        var n = value.AsNumber;
        return n switch
        {
            <= 10 => "1-10",
            <= 50 => "11-50",
            <= 200 => "51-200",
            <= 1000 => "201-1000",
            _ => "1000+",
        };
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
