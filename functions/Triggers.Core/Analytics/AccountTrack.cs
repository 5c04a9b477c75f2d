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

    public double CsatSum { get; set; }

    public int CsatCount { get; set; }

    public double NpsSum { get; set; }

    public int NpsCount { get; set; }

    /// <summary>CSAT answers whose score lies outside 1-5, left out of the sum and count above.</summary>
    public int CsatOffScale { get; set; }

    /// <summary>NPS answers whose score lies outside 0-10, left out of the sum and count above.</summary>
    public int NpsOffScale { get; set; }

    public int Tickets { get; set; }

    public int Escalations { get; set; }

    /// <summary>Counts a CSAT answer, or only that it was off the 1-5 scale: plotted, it would leave the chart.</summary>
    public void AddCsat(double score)
    {
        if (!Sentiment.OnCsatScale(score))
        {
            CsatOffScale++;
            return;
        }

        CsatSum += score;
        CsatCount++;
    }

    /// <summary>Counts an NPS answer, or only that it was off the 0-10 scale.</summary>
    public void AddNps(double score)
    {
        if (!Sentiment.OnNpsScale(score))
        {
            NpsOffScale++;
            return;
        }

        NpsSum += score;
        NpsCount++;
    }

    /// <summary>Adds another account's counters to these (a segment's total for a stage).</summary>
    public void Add(StageCounters other)
    {
        for (var i = 0; i < Touchpoints.Length; i++)
        {
            Touchpoints[i] += other.Touchpoints[i];
        }

        (CsatSum, CsatCount, NpsSum, NpsCount) = (CsatSum + other.CsatSum, CsatCount + other.CsatCount, NpsSum + other.NpsSum, NpsCount + other.NpsCount);
        (CsatOffScale, NpsOffScale) = (CsatOffScale + other.CsatOffScale, NpsOffScale + other.NpsOffScale);
        (Tickets, Escalations) = (Tickets + other.Tickets, Escalations + other.Escalations);
    }
}

/// <summary>One milestone instance of one account: when reached, and how it ended.</summary>
internal sealed record MilestoneInstance(string AccountId, string Milestone, long Reached)
{
    public long? Succeeded { get; set; }

    public long? Failed { get; set; }

    public string? Stage { get; init; }
}
