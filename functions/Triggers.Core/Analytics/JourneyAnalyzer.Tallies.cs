using System.Globalization;
using Triggers.Core.Model;

namespace Triggers.Core.Analytics;

// What the analyzer counts per segment, per stage and per account while it reads, and the order segments are shown in.
public sealed partial class JourneyAnalyzer
{
    /// <summary>One segment's figures, added up account by account: every stage's, and what the rules did.</summary>
    private sealed class SegmentTally
    {
        private readonly string? _trait;
        private readonly string? _value;
        private readonly JourneyAnalyzer _analyzer;
        private readonly List<StageTally> _stages;
        private readonly int[] _rules; // counts by numbered rule slot (see RuleCounts)
        private readonly List<int> _met = []; // the slots in the order the segment first met them
        private int _accounts;

        public SegmentTally(string? trait, string? value, JourneyAnalyzer analyzer, long end)
        {
            (_trait, _value, _analyzer) = (trait, value, analyzer);
            var order = analyzer._journey.Stages;
            _stages = [.. order.Select((_, i) => new StageTally(order, i, analyzer._touchpointNumbers.Count, end))];
            _rules = new int[analyzer._ruleSlots.Count];
        }

        public void Add(AccountFacts account)
        {
            _accounts++;
            foreach (var stage in _stages)
            {
                stage.Add(account);
            }

            foreach (var (slot, n) in account.Rules)
            {
                if (_rules[slot] == 0)
                {
                    _met.Add(slot);
                }

                _rules[slot] += n;
            }
        }

        public SegmentReport Report()
        {
            var stages = _stages.ConvertAll(tally => tally.Report(_analyzer));
            // Rule activity turns into names once, slots in the order first met: the tables (and their order) that
            // adding the names up account by account would have built.
            var rules = new Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)>(StringComparer.Ordinal);
            foreach (var slot in _met)
            {
                var (rule, action, key) = _analyzer._ruleSlots[slot];
                Count(rules, rule, action, key, _rules[slot]);
            }

            var activity = rules.OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new RuleActivity(r.Key, r.Value.Actions, r.Value.Suppressed)).ToList();
            return new SegmentReport(_trait, _value, _accounts, stages, activity);
        }
    }

    /// <summary>One stage's figures for one segment, added up account by account.</summary>
    private sealed class StageTally(IReadOnlyList<Stage> order, int index, int touchpoints, long end)
    {
        private readonly Stage _stage = order[index];
        private readonly List<double> _durations = [];
        private readonly StageCounters _total = new(touchpoints); // what the segment's accounts counted in this stage, added up
        private readonly List<(int Seq, MilestoneInstance Milestone)> _milestones = [];
        private int _entered, _stuck, _dropped, _converted, _enteredFollowing;

        private bool Final => index == order.Count - 1;

        // The final stage (advocacy, say) is where accounts should stay: only its own expected_within makes it stuck.
        private long? StuckAfter => _stage.ExpectedWithin?.Ticks ?? (Final ? null : DefaultStuckAfter.Ticks);

        public void Add(AccountFacts facts)
        {
            if (facts.Milestones[index] is { } reached)
            {
                _milestones.AddRange(reached);
            }

            var since = facts.Since[index];
            if (since == AccountFacts.NotEntered)
            {
                return;
            }

            _entered++;
            if (facts.Counters[index] is { } counted)
            {
                _total.Add(counted);
            }

            if (!Final && facts.Since[index + 1] != AccountFacts.NotEntered)
            {
                _enteredFollowing++;
            }

            var account = facts.Track;
            var next = facts.Next[index];
            if (next != long.MaxValue)
            {
                _converted++;
                _durations.Add(TimeSpan.FromTicks(next - since).TotalDays);
            }
            else if (account.Current == index)
            {
                if (account.Churned || end - account.LastEvent >= InactiveAfter.Ticks)
                {
                    _dropped++;
                }
                else if (StuckAfter is { } limit && end - since > limit)
                {
                    _stuck++;
                }
            }
        }

        public StageReport Report(JourneyAnalyzer analyzer)
        {
            _durations.Sort();
            // Red flags by failure time, ties in the order the milestones were recorded.
            var failed = new List<(long Failed, int Seq, MilestoneInstance Milestone)>();
            foreach (var (seq, milestone) in _milestones)
            {
                if (milestone.Failed is { } at)
                {
                    failed.Add((at, seq, milestone));
                }
            }

            failed.Sort((x, y) => x.Failed != y.Failed ? x.Failed.CompareTo(y.Failed) : x.Seq.CompareTo(y.Seq));
            return new StageReport(
                _stage.Id, _stage.Name, _stage.Description, _entered,
                Final || _entered == 0 ? null : (double)_converted / _entered,
                Percentiles.Median(_durations), Percentiles.Of(_durations, 90), _durations, _stuck, _dropped,
                Milestones(_milestones), analyzer.Touchpoints(_total.Touchpoints), SentimentOf(_total),
                _total.Tickets, _total.Escalations,
                failed.ConvertAll(f => new RedFlag(f.Milestone.AccountId, f.Milestone.Milestone, At(f.Failed))))
            {
                StuckAfterDays = StuckAfter is { } after ? TimeSpan.FromTicks(after).TotalDays : null,
                ConversionToFollowing = Final || _entered == 0 ? null : (double)_enteredFollowing / _entered,
            };
        }
    }

    /// <summary>One account's part in every stage, worked out once per report.</summary>
    private sealed class AccountFacts(AccountTrack track, int stages)
    {
        public const long NotEntered = long.MinValue;

        public AccountTrack Track { get; } = track;

        /// <summary>When the account entered each stage (<see cref="NotEntered"/> if never).</summary>
        public long[] Since { get; } = Enumerable.Repeat(NotEntered, stages).ToArray();

        /// <summary>For each stage, when the account first entered any later stage (long.MaxValue if never).</summary>
        public long[] Next { get; } = new long[stages];

        public StageCounters?[] Counters { get; } = new StageCounters?[stages];

        /// <summary>The account's milestones that belong to each stage, numbered in the order they were recorded.</summary>
        public List<(int Seq, MilestoneInstance Milestone)>?[] Milestones { get; } = new List<(int, MilestoneInstance)>?[stages];

        /// <summary>What the account's rules did: counts by numbered slot (see <see cref="RuleCounts"/>), in the order recorded.</summary>
        public (int Slot, int Count)[] Rules { get; init; } = [];
    }

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
