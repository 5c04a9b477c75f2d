namespace Triggers.Core.Analytics;

/// <summary>
/// What the analyzer keeps per account while a replay runs: small per-stage counters, not events. Stages and segment
/// traits are numbered by the analyzer (the journey's order, the report's order), so each is a slot in an array rather
/// than an entry in a table: fewer objects for the collector to mark, and no lookup by name for every event.
/// </summary>
internal sealed class AccountTrack(string accountId, int stages, int segmentTraits)
{
    public const long NotEntered = long.MinValue;

    public string AccountId { get; } = accountId;

    /// <summary>The account's value for each segment trait (null: not set, never or since it was set to null).</summary>
    public string?[] Segments { get; } = new string?[segmentTraits];

    /// <summary>The traits <see cref="Segments"/> were last read from, and their version then (see <see cref="Engine.TraitMap.Version"/>).</summary>
    public (Engine.TraitMap? Traits, int Version) SegmentsFrom { get; set; }

    /// <summary>When the account entered each stage of the journey (<see cref="NotEntered"/> if it has not).</summary>
    public long[] Entered { get; } = Enumerable.Repeat(NotEntered, stages).ToArray();

    /// <summary>The stage the account is in (its number), or -1 before the first.</summary>
    public int Current { get; set; } = -1;

    public long LastEvent { get; set; }

    public bool Churned { get; set; }

    /// <summary>What the account did in each stage (null: nothing counted there).</summary>
    public StageCounters?[] PerStage { get; } = new StageCounters?[stages];

    /// <summary>The account's milestone instances by (qualified milestone, triggering event), in the order reached.</summary>
    public Dictionary<(string Milestone, string Trigger), MilestoneInstance> Milestones => _milestones ??= [];

    /// <summary>Actions and suppressions per qualified rule: counts by action kind, and by suppression reason.</summary>
    public Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)> Rules => _rules ??= new(StringComparer.Ordinal);

    private Dictionary<(string, string), MilestoneInstance>? _milestones;
    private Dictionary<string, (Dictionary<string, int> Actions, Dictionary<string, int> Suppressed)>? _rules;

    public StageCounters Counters(int stage, int touchpoints) => PerStage[stage] ??= new StageCounters(touchpoints);
}

/// <summary>Per account and stage: touchpoint events, sentiment answers, support pain.</summary>
internal sealed class StageCounters(int touchpoints)
{
    /// <summary>Events per touchpoint, by the touchpoint's number in the journey.</summary>
    public int[] Touchpoints { get; } = new int[touchpoints];

    /// <summary>CSAT answers (1-5). A field, so that adding to it changes this one rather than a copy.</summary>
    public ScoreTally Csat;

    /// <summary>NPS answers (0-10).</summary>
    public ScoreTally Nps;

    public int Tickets { get; set; }

    public int Escalations { get; set; }

    /// <summary>Adds another account's counters to these (a segment's total for a stage).</summary>
    public void Add(StageCounters other)
    {
        for (var i = 0; i < Touchpoints.Length; i++)
        {
            Touchpoints[i] += other.Touchpoints[i];
        }

        Csat.Add(other.Csat);
        Nps.Add(other.Nps);
        (Tickets, Escalations) = (Tickets + other.Tickets, Escalations + other.Escalations);
    }
}

/// <summary>
/// Answers on one scale: the sum and count of those on it, and how many were off it (left out: plotted, a CSAT of 50
/// would leave the chart). A struct held in fields, so each stage's counters stay one object.
/// </summary>
internal struct ScoreTally
{
    public double Sum;
    public int Count;
    public int OffScale;

    public void Add(double score, bool onScale)
    {
        if (onScale)
        {
            Sum += score;
            Count++;
        }
        else
        {
            OffScale++;
        }
    }

    public void Add(ScoreTally other) => (Sum, Count, OffScale) = (Sum + other.Sum, Count + other.Count, OffScale + other.OffScale);
}

/// <summary>One milestone instance of one account: when reached, and how it ended.</summary>
internal sealed record MilestoneInstance(string AccountId, string Milestone, long Reached)
{
    public long? Succeeded { get; set; }

    public long? Failed { get; set; }

    public string? Stage { get; init; }
}
