using System.Text.Json;

namespace Triggers.Core.Analytics;

/// <summary>The journey map for one journey, once for all accounts and once per segment value.</summary>
public sealed record JourneyReport(
    string JourneyId,
    string? Description,
    DateTimeOffset From,
    DateTimeOffset To,
    long Events,
    IReadOnlyList<string> SegmentTraits,
    IReadOnlyList<SegmentReport> Segments);

/// <summary>
/// Every figure of the map for one group of accounts: <see cref="Trait"/> = null means all accounts; a trait with
/// <see cref="Value"/> = null means the accounts without it (<see cref="NotSet"/>).
/// </summary>
public sealed record SegmentReport(
    string? Trait,
    string? Value,
    int Accounts,
    IReadOnlyList<StageReport> Stages,
    IReadOnlyList<RuleActivity> Rules)
{
    /// <summary>How the segment of accounts without the trait is named.</summary>
    public const string NotSetName = "(not set)";

    /// <summary>
    /// How the segment of a trait's less common values is named (beyond the most common ones, which get a segment
    /// each): in brackets, like <see cref="NotSetName"/>, so it is not taken for a real value such as an industry "other".
    /// </summary>
    public const string OtherName = "(other values)";

    /// <summary>The accounts that lack <see cref="Trait"/> at the end of the history (never set, or set to null since).</summary>
    public bool NotSet => Trait is not null && Value is null;

    public string Label => Trait is null ? "All accounts" : $"{Trait}: {Value ?? NotSetName}";
}

/// <summary>One stage: funnel, time in stage, bottlenecks, milestones, touchpoints, sentiment and pain points.</summary>
public sealed record StageReport(
    string Id,
    string Name,
    string? Description,
    int Entered,
    double? ConversionToNext,
    double? MedianDays,
    double? P90Days,
    IReadOnlyList<double> DaysInStage,
    int Stuck,
    int Dropped,
    IReadOnlyList<MilestoneReport> Milestones,
    IReadOnlyList<TouchpointCount> Touchpoints,
    Sentiment Sentiment,
    int Tickets,
    int Escalations,
    IReadOnlyList<RedFlag> RedFlags)
{
    /// <summary>
    /// How long an account may stay before it counts as stuck: the stage's expected_within, else the default.
    /// Null for a journey's final stage without expected_within: staying there is where accounts should end up.
    /// </summary>
    public double? StuckAfterDays { get; init; }

    /// <summary>
    /// The share of those who entered that went on to enter the very next stage (the step's conversion), where
    /// <see cref="ConversionToNext"/> counts moving on to any later stage: stages may be skipped, so the two differ
    /// when accounts go from trial straight to adoption without paying. Null for the last stage.
    /// </summary>
    public double? ConversionToFollowing { get; init; }
}

/// <summary>A milestone's outcomes among the segment's accounts.</summary>
public sealed record MilestoneReport(string Id, int Reached, int Succeeded, int Failed, double? SuccessRate, double? MedianDaysToSuccess);

/// <summary>Events counted for a touchpoint (and its channel) while accounts were in a stage.</summary>
public sealed record TouchpointCount(string Touchpoint, string Name, string Channel, int Events);

/// <summary>
/// CSAT (1-5) and NPS (0-10) answers given while in a stage, and a combined 0-100 score for the curve. A score outside
/// its scale (a CSAT of 7, an NPS of -1 or 100) is no answer on it: it is left out of the averages, which would leave
/// the 0-100 range, and counted in <see cref="CsatOffScale"/> and <see cref="NpsOffScale"/> so the page can say so.
/// </summary>
public sealed record Sentiment(double? Csat, int CsatAnswers, double? Nps, int NpsAnswers, double? Score)
{
    public const double CsatLowest = 1, CsatHighest = 5, NpsLowest = 0, NpsHighest = 10;

    /// <summary>The two scales as the map and its summary name them.</summary>
    public const string Scales = "CSAT 1-5, NPS 0-10";

    /// <summary>CSAT answers left out because their score was outside 1-5.</summary>
    public int CsatOffScale { get; init; }

    /// <summary>NPS answers left out because their score was outside 0-10.</summary>
    public int NpsOffScale { get; init; }

    public static bool OnCsatScale(double score) => score is >= CsatLowest and <= CsatHighest;

    public static bool OnNpsScale(double score) => score is >= NpsLowest and <= NpsHighest;

    /// <summary>
    /// The answer's score, null when it gives none. A number given as text (<c>"4"</c>, as survey forms send it) counts as
    /// the number; anything else given (<c>"great"</c>, <c>true</c>; 1e999, which reads as infinity) is NaN: on no scale,
    /// so left out and counted with the scores off their scale.
    /// </summary>
    internal static double? ScoreOf(Engine.CloudEvent e)
    {
        if (e.Data.ValueKind != JsonValueKind.Object || !e.Data.TryGetProperty("score", out var s) || s.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return s.ValueKind switch
        {
            JsonValueKind.Number => s.TryGetDouble(out var score) ? score : double.NaN,
            JsonValueKind.String when double.TryParse(s.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                out var written) => written,
            _ => double.NaN,
        };
    }
}

/// <summary>A failed milestone: a red flag, with the account behind it.</summary>
public sealed record RedFlag(string AccountId, string Milestone, DateTimeOffset Time);

/// <summary>What a rule did: fires per action kind, suppressions per reason.</summary>
public sealed record RuleActivity(string Rule, IReadOnlyDictionary<string, int> Actions, IReadOnlyDictionary<string, int> Suppressed);
