using System.Globalization;
using System.Text.Json;
using Triggers.Core.Engine;
using Triggers.Core.Model;

namespace Triggers.Core.Analytics;

/// <summary>
/// Builds the data-driven journey map from a replay: attach <see cref="Observe"/> to the simulator's event
/// observer and <see cref="Record"/> to its outcome sink, then <see cref="Build"/>. Accounts are grouped by the
/// final value of each segment trait, so every figure can be redrawn per persona.
/// </summary>
public sealed class JourneyAnalyzer
{
    /// <summary>An account in its current stage longer than this (unless the stage sets expected_within) counts as stuck.</summary>
    public static readonly TimeSpan DefaultStuckAfter = TimeSpan.FromDays(30);

    /// <summary>An account silent this long at the end of the history has dropped off.</summary>
    public static readonly TimeSpan InactiveAfter = TimeSpan.FromDays(30);

    private const int MaxSegmentValues = 12;
    private readonly Journey _journey;
    private readonly IReadOnlyList<string> _segmentTraits;
    private readonly Dictionary<string, AccountTrack> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Touchpoint, string Name, string Channel)>> _touchpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _milestoneStage = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string, string), MilestoneInstance> _milestones = [];
    private readonly Dictionary<string, Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)>> _rulesByAccount = new(StringComparer.Ordinal);
    private long _first = long.MaxValue;
    private long _last = long.MinValue;
    private long _events;

    public JourneyAnalyzer(PlaybookSet set, Journey journey, IReadOnlyList<string> segmentTraits)
    {
        _journey = journey;
        _segmentTraits = segmentTraits;
        foreach (var touchpoint in journey.Touchpoints)
        {
            foreach (var type in touchpoint.Events)
            {
                if (!_touchpoints.TryGetValue(type, out var list))
                {
                    _touchpoints[type] = list = [];
                }

                list.Add((touchpoint.Id, touchpoint.Name, touchpoint.Channel));
            }
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

    public void Observe(CloudEvent e, AccountState state)
    {
        var track = Track(e.AccountId);
        _events++;
        _first = Math.Min(_first, e.TimeTicks);
        _last = Math.Max(_last, e.TimeTicks);
        track.LastEvent = Math.Max(track.LastEvent, e.TimeTicks);
        foreach (var trait in _segmentTraits)
        {
            if (state.Account.TryGetMember(trait, out var value) && !value.IsNull)
            {
                track.Segments[trait] = SegmentValue(value);
            }
        }

        if (e.Type == "subscription.cancelled")
        {
            track.Churned = true;
        }

        if (track.Current is not { } stage)
        {
            return;
        }

        var counters = track.Counters(stage);
        if (_touchpoints.TryGetValue(e.Type, out var touchpoints))
        {
            foreach (var (id, _, _) in touchpoints)
            {
                counters.Touchpoints[id] = counters.Touchpoints.GetValueOrDefault(id) + 1;
            }
        }

        switch (e.Type)
        {
            case "csat.answered" when Score(e) is { } csat:
                counters.CsatSum += csat;
                counters.CsatCount++;
                break;
            case "nps.answered" when Score(e) is { } nps:
                counters.NpsSum += nps;
                counters.NpsCount++;
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
                track.Entered[o.Stage!] = o.Time.UtcTicks;
                track.Current = o.Stage;
                break;
            case OutcomeKind.Milestone:
                RecordMilestone(o);
                break;
            case OutcomeKind.Action or OutcomeKind.Suppressed when o.QualifiedRule is { } rule:
                var key = o.Kind == OutcomeKind.Action ? o.Action ?? "?" : o.Reason ?? "?";
                if (!_rulesByAccount.TryGetValue(o.AccountId, out var perAccount))
                {
                    _rulesByAccount[o.AccountId] = perAccount = new(StringComparer.Ordinal);
                }

                Count(perAccount, rule, o.Kind == OutcomeKind.Action, key);
                break;
        }
    }

    private void RecordMilestone(Outcome o)
    {
        var id = $"{o.Playbook}/{o.Milestone}";
        var key = (o.AccountId!, id, o.TriggerEventId ?? "");
        if (o.Status == "reached")
        {
            var stage = _milestoneStage.GetValueOrDefault(id) ?? Track(o.AccountId!).Current;
            _milestones[key] = new MilestoneInstance(o.AccountId!, id, o.Time.UtcTicks) { Stage = stage };
        }
        else if (_milestones.TryGetValue(key, out var instance))
        {
            if (o.Status == "succeeded")
            {
                instance.Succeeded = o.Time.UtcTicks;
            }
            else
            {
                instance.Failed = o.Time.UtcTicks;
            }
        }
    }

    public JourneyReport Build(DateTimeOffset? end = null)
    {
        var to = end?.UtcTicks ?? (_last == long.MinValue ? 0 : _last);
        // Grouped once: each segment then reads only its stage's milestones, not all of them per stage (100k accounts).
        var byStage = _milestones.Values.Where(m => m.Stage is not null).GroupBy(m => m.Stage!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var segments = new List<SegmentReport> { Segment(null, null, [.. _accounts.Values], to, byStage) };
        foreach (var trait in _segmentTraits)
        {
            var groups = _accounts.Values.Where(a => a.Segments.ContainsKey(trait)).GroupBy(a => a.Segments[trait], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            var kept = groups.Take(MaxSegmentValues).ToList();
            foreach (var group in kept.OrderBy(g => g.Key, SegmentOrder.Instance))
            {
                segments.Add(Segment(trait, group.Key, [.. group], to, byStage));
            }

            var rest = groups.Skip(MaxSegmentValues).SelectMany(g => g).ToList();
            if (rest.Count > 0)
            {
                segments.Add(Segment(trait, "other", rest, to, byStage));
            }
        }

        return new JourneyReport(_journey.Id, _journey.Description, At(_first == long.MaxValue ? 0 : _first), At(to), _events,
            [.. _segmentTraits.Where(t => _accounts.Values.Any(a => a.Segments.ContainsKey(t)))], segments);
    }

    private SegmentReport Segment(string? trait, string? value, List<AccountTrack> accounts, long end,
        Dictionary<string, List<MilestoneInstance>> byStage)
    {
        var ids = accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var stages = new List<StageReport>();
        for (var i = 0; i < _journey.Stages.Count; i++)
        {
            stages.Add(StageFor(_journey.Stages, i, accounts, ids, end, byStage.GetValueOrDefault(_journey.Stages[i].Id) ?? []));
        }

        var rules = new Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            foreach (var (rule, counts) in _rulesByAccount.GetValueOrDefault(id) ?? [])
            {
                foreach (var (k, n) in counts.Actions)
                {
                    Count(rules, rule, true, k, n);
                }

                foreach (var (k, n) in counts.Suppressed)
                {
                    Count(rules, rule, false, k, n);
                }
            }
        }

        var activity = rules.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new RuleActivity(r.Key, r.Value.Actions, r.Value.Suppressed)).ToList();
        return new SegmentReport(trait, value, accounts.Count, stages, activity);
    }

    private StageReport StageFor(IReadOnlyList<Stage> order, int index, List<AccountTrack> accounts, HashSet<string> ids, long end,
        List<MilestoneInstance> stageMilestones)
    {
        var stage = order[index];
        var entered = accounts.Where(a => a.Entered.ContainsKey(stage.Id)).ToList();
        var later = order.Skip(index + 1).Select(s => s.Id).ToList();
        var durations = new List<double>();
        int stuck = 0, dropped = 0, converted = 0;
        // The final stage (advocacy, say) is where accounts should stay: only its own expected_within makes it stuck.
        var final = index == order.Count - 1;
        var stuckAfter = stage.ExpectedWithin?.Ticks ?? (final ? (long?)null : DefaultStuckAfter.Ticks);
        foreach (var account in entered)
        {
            var since = account.Entered[stage.Id];
            var next = later.Where(account.Entered.ContainsKey).Select(s => account.Entered[s]).DefaultIfEmpty(long.MaxValue).Min();
            if (next != long.MaxValue)
            {
                converted++;
                durations.Add(TimeSpan.FromTicks(next - since).TotalDays);
            }
            else if (account.Current == stage.Id)
            {
                if (account.Churned || end - account.LastEvent >= InactiveAfter.Ticks)
                {
                    dropped++;
                }
                else if (stuckAfter is { } limit && end - since > limit)
                {
                    stuck++;
                }
            }
        }

        durations.Sort();
        var counters = entered.Select(a => a.PerStage.GetValueOrDefault(stage.Id)).OfType<StageCounters>().ToList();
        var milestones = stageMilestones.Where(m => ids.Contains(m.AccountId)).ToList();
        return new StageReport(
            stage.Id, stage.Name, stage.Description, entered.Count,
            index == order.Count - 1 || entered.Count == 0 ? null : (double)converted / entered.Count,
            Percentiles.Of(durations, 50), Percentiles.Of(durations, 90), durations, stuck, dropped,
            Milestones(milestones), Touchpoints(counters), SentimentOf(counters),
            counters.Sum(c => c.Tickets), counters.Sum(c => c.Escalations),
            [.. milestones.Where(m => m.Failed is not null).OrderBy(m => m.Failed).Select(m => new RedFlag(m.AccountId, m.Milestone, At(m.Failed!.Value)))])
        {
            StuckAfterDays = stuckAfter is { } after ? TimeSpan.FromTicks(after).TotalDays : null,
        };
    }

    private static List<MilestoneReport> Milestones(List<MilestoneInstance> milestones) =>
        [.. milestones.GroupBy(m => m.Milestone, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var succeeded = g.Count(m => m.Succeeded is not null);
                var failed = g.Count(m => m.Failed is not null);
                var days = g.Where(m => m.Succeeded is not null).Select(m => TimeSpan.FromTicks(m.Succeeded!.Value - m.Reached).TotalDays).Order().ToList();
                return new MilestoneReport(g.Key, g.Count(), succeeded, failed,
                    succeeded + failed == 0 ? null : (double)succeeded / (succeeded + failed), Percentiles.Of(days, 50));
            })];

    private List<TouchpointCount> Touchpoints(List<StageCounters> counters)
    {
        // One pass over what each account counted, not one pass over every account per touchpoint: a stage of a
        // large segment holds a hundred thousand accounts, and a journey a dozen touchpoints.
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var counter in counters)
        {
            foreach (var (id, count) in counter.Touchpoints)
            {
                totals[id] = totals.GetValueOrDefault(id) + count;
            }
        }

        return [.. _journey.Touchpoints.Select(t => new TouchpointCount(t.Id, t.Name, t.Channel, totals.GetValueOrDefault(t.Id)))
            .Where(t => t.Events > 0).OrderByDescending(t => t.Events)];
    }

    private static Sentiment SentimentOf(List<StageCounters> counters)
    {
        int csatCount = counters.Sum(c => c.CsatCount), npsCount = counters.Sum(c => c.NpsCount);
        double? csat = csatCount == 0 ? null : counters.Sum(c => c.CsatSum) / csatCount;
        double? nps = npsCount == 0 ? null : counters.Sum(c => c.NpsSum) / npsCount;
        // One 0-100 line for the curve: CSAT 1..5 and NPS 0..10 rescaled, weighted by how many answers each has.
        double? score = csatCount + npsCount == 0
            ? null
            : (((csat ?? 1) - 1) / 4 * 100 * csatCount + (nps ?? 0) * 10 * npsCount) / (csatCount + npsCount);
        return new Sentiment(csat, csatCount, nps, npsCount, score);
    }

    private AccountTrack Track(string id)
    {
        if (!_accounts.TryGetValue(id, out var track))
        {
            _accounts[id] = track = new AccountTrack(id);
        }

        return track;
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

    private static double? Score(CloudEvent e) =>
        e.Data.ValueKind == JsonValueKind.Object && e.Data.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : null;

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

    /// <summary>Segment values in natural order: numeric ranges by their lower bound, text alphabetically.</summary>
    private sealed class SegmentOrder : IComparer<string>
    {
        public static readonly SegmentOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            static double Lower(string s) => double.TryParse(s.Split('-', '+')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.MaxValue;
            var byNumber = Lower(x!).CompareTo(Lower(y!));
            return byNumber != 0 ? byNumber : string.CompareOrdinal(x, y);
        }
    }
}
